package io.easystore.remote;

import io.easystore.testing.JettyFileServer;
import io.easystore.testing.RequestBudgets;
import io.easystore.testing.BudgetContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The request budget of container reads over HTTP, against a real Range-capable server (Jetty),
 * for v2 containers of one to three index levels and v1 containers with the index inside and
 * outside the tail. See {@link RequestBudgets} for what is asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpRequestBudgetTest {
  @TempDir static Path root;
  @TempDir Path tmp;
  static JettyFileServer jetty;

  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
      .withRetry(RetryPolicy.none());

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  static Stream<BudgetContainer> containers() {
    return BudgetContainer.standardSet();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void lookupsAndBatchesStayWithinTheRequestBudget(BudgetContainer c) throws Exception {
    byte[] content = c.build(tmp);
    URI uri = jetty.publish(content);
    RequestBudgets.Report report = RequestBudgets.check(c, content, () -> HttpRangeSource.open(uri, OPTIONS));
    System.out.println("HTTP budget: " + report);
    if (c.format() == 2 && report.height() == 1) {
      assertThat(report.coldFirst()).as("the whole index lies in the tail").isEqualTo(2);
    }
  }

  @Test
  void desReaderOpensUrlsAndPathsAndClosesTheSourceWhenOpeningFails() throws Exception {
    BudgetContainer c = BudgetContainer.v2(10, 100, 1);
    byte[] content = c.build(tmp);
    URI uri = jetty.publish(content);
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), OPTIONS)) {
      assertThat(r.name()).isEqualTo(uri.toString());
      assertThat(r.getFile(c.name(3))).isEqualTo(c.body(3));
    }
    Path local = Files.write(tmp.resolve("local.des"), content);
    try (DesReader r = DesReader.open(local.toString(), ReaderOptions.defaults(), OPTIONS)) {
      assertThat(r.getFiles(List.of(c.name(1), c.name(2)))).hasSize(2);
    }
    URI junk = jetty.publish(new byte[500]);
    assertThatThrownBy(() -> DesReader.open(junk.toString(), ReaderOptions.defaults(), OPTIONS))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining(junk.toString());
  }

  @Test
  void aReaderTailLargerThanTheRemoteTailStillOpensWithOneRequest() throws Exception {
    BudgetContainer c = BudgetContainer.v1(20_000, 100);
    byte[] content = c.build(tmp);
    URI uri = jetty.publish(content);
    // The v1 index (about 900 KiB) fits a 2 MiB tail: opening needs no second request.
    ReaderOptions wide = ReaderOptions.defaults().withTailBytes(2 << 20);
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS.withTailBytes(2 << 20));
        DesReader r = DesReader.open(s, wide)) {
      assertThat(s.stats().requests()).isEqualTo(1);
      assertThat(r.getFile(c.name(0))).isEqualTo(c.body(0));
      assertThat(s.stats().requests()).isEqualTo(2);
    }
    try (DesReader r = DesReader.open(uri, wide, OPTIONS)) {
      assertThat(r.getFile(c.name(5))).isEqualTo(c.body(5));
    }
  }
}
