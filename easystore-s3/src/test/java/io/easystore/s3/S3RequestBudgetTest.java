package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.io.RangeSource;
import io.easystore.testing.BudgetContainer;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteSources;
import io.easystore.testing.RequestBudgets;
import io.easystore.io.RequestStats;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request budget of container reads against a real S3 API (S3Proxy on 127.0.0.1): v2
 * containers of one to three index levels and v1 containers with the index inside and outside the
 * tail, asserted exactly through {@link RequestStats} (see {@link RequestBudgets}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3RequestBudgetTest {
  static S3ProxyServer s3;
  static int counter;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("budget");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  static Stream<BudgetContainer> containers() {
    return BudgetContainer.standardSet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void lookupsAndBatchesStayWithinTheRequestBudget(BudgetContainer c) throws Exception {
    byte[] content = c.build(tmp);
    S3Location loc = S3Location.of("budget", "c" + counter++ + ".des");
    s3.put(loc, content);
    RequestBudgets.Report report = RequestBudgets.check(c, content,
        () -> S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS));
    System.out.println("S3 budget: " + report);
    if (c.format() == 2 && report.height() == 1) {
      assertThat(report.coldFirst()).as("the whole index lies in the tail").isEqualTo(2);
    }
  }

  @Test
  void aContainerWrittenThroughTheSinkReadsBackThroughS3UrisWithinTheBudget() throws Exception {
    RemoteOptions options = s3.providerOptions();
    String uri = "s3://budget/streamed.des";
    try (DesWriter w = DesWriter.create(RemoteSources.createSink(uri, options),
        WriterOptions.defaults().withCodec(CodecId.NONE))) {
      for (int i = 0; i < 3000; i++) {
        w.addFile("dir/f" + i, new byte[100 + i % 50]);
      }
    }
    try (RangeSource src = RemoteSources.open(uri, options);
        DesReader r = DesReader.open(src, ReaderOptions.defaults())) {
      assertThat(r.requestStats().orElseThrow().requests()).isEqualTo(1);
      assertThat(r.getFile("dir/f7")).hasSize(107);
      assertThat(r.requestStats().orElseThrow().requests()).isLessThanOrEqualTo(1 + r.stats().indexLevels());
      assertThat(r.requestStats()).isEqualTo(RemoteSources.requestStats(src));
    }
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), options)) {
      assertThat(r.getFiles(List.of("dir/f1", "dir/f2999"))).hasSize(2);
      assertThat(r.verify().ok()).isTrue();
    }
  }
}
