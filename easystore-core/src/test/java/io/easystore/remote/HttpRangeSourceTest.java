package io.easystore.remote;

import io.easystore.testing.JettyFileServer;
import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import io.easystore.io.RangeSources;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Request budgets and version pinning of {@link HttpRangeSource} against a real server (Jetty). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpRangeSourceTest {
  @TempDir static Path root;
  static JettyFileServer jetty;

  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
      .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10), 1.0));

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Test
  void openingAndReadingTheFooterCostsOneRequest() throws Exception {
    byte[] c = RangeSourceContract.content(300_000, 1);
    try (RemoteRangeSource s = HttpRangeSource.open(jetty.publish(c), OPTIONS)) {
      assertThat(s.stats().requests()).isEqualTo(1);
      assertThat(s.size()).isEqualTo(300_000);
      assertThat(s.readFully(s.size() - 64, 64)).isEqualTo(Arrays.copyOfRange(c, 300_000 - 64, 300_000));
      // An index just before the footer, still inside the 64 KiB tail.
      assertThat(s.readFully(s.size() - 60_000, 59_936)).isEqualTo(Arrays.copyOfRange(c, 240_000, 299_936));
      assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(1, 65_536, 0));
      assertThat(s.tailOffset()).isEqualTo(300_000 - 65_536);
      assertThat(s.version().etag()).isNotNull();
    }
  }

  @Test
  void eachReadBeforeTheTailCostsOneRequestPerMaxRequestBytes() throws Exception {
    byte[] c = RangeSourceContract.content(300_000, 2);
    RemoteOptions small = OPTIONS.withMaxRequestBytes(16_384);
    try (RemoteRangeSource s = HttpRangeSource.open(jetty.publish(c), small)) {
      assertThat(s.readFully(1000, 10)).isEqualTo(Arrays.copyOfRange(c, 1000, 1010));
      assertThat(s.stats().requests()).isEqualTo(2);
      RequestStats.Snapshot before = s.stats();
      assertThat(s.readFully(0, 100_000)).isEqualTo(Arrays.copyOf(c, 100_000));
      assertThat(s.stats().minus(before)).isEqualTo(new RequestStats.Snapshot(7, 100_000, 0));
    }
  }

  @Test
  void aReadSpanningTheTailFetchesOnlyThePartBeforeIt() throws Exception {
    byte[] c = RangeSourceContract.content(100_000, 3);
    try (RemoteRangeSource s = HttpRangeSource.open(jetty.publish(c), OPTIONS)) {
      long start = s.tailOffset() - 100;
      assertThat(s.readFully(start, 1100)).isEqualTo(Arrays.copyOfRange(c, (int) start, (int) start + 1100));
      assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(2, 65_536 + 100, 0));
    }
  }

  @Test
  void aReplacedFileFailsWithObjectChangedInsteadOfMixingVersions() throws Exception {
    byte[] c = RangeSourceContract.content(200_000, 4);
    URI uri = jetty.publish(c);
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS)) {
      assertThat(s.readFully(0, 10)).isEqualTo(Arrays.copyOf(c, 10));
      Thread.sleep(1100); // some file systems keep modification times in whole seconds
      jetty.replace(uri, RangeSourceContract.content(200_001, 5));
      assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining(uri.getPath());
      // The tail fetched at open still belongs to the pinned version.
      assertThat(s.readFully(199_990, 10)).isEqualTo(Arrays.copyOfRange(c, 199_990, 200_000));
    }
  }

  @Test
  void aMissingFileFailsWithNoSuchFileAtOpen() {
    assertThatThrownBy(() -> HttpRangeSource.open(jetty.uri("missing.des"), OPTIONS))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.des");
  }

  @Test
  void aSuppliedHttpClientIsTheOneThatSendsTheRequests() throws Exception {
    byte[] c = RangeSourceContract.content(120_000, 8);
    URI served = jetty.publish(c);
    // A host that never resolves (RFC 6761): only a client routing through Jetty as its proxy reaches it.
    URI unresolvable = URI.create("http://easystore-test.invalid:" + served.getPort() + served.getPath());
    HttpClient viaJetty = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", served.getPort()))).build();
    try (RemoteRangeSource s = HttpRangeSource.open(unresolvable, OPTIONS.withHttpClient(viaJetty))) {
      assertThat(s.size()).isEqualTo(120_000);
      assertThat(s.readFully(10, 20)).isEqualTo(Arrays.copyOfRange(c, 10, 30));
    }
  }

  @Test
  void rangeSourcesOpensHttpUrlsAndAddsTheCache() throws Exception {
    byte[] c = RangeSourceContract.content(150_000, 7);
    URI uri = jetty.publish(c);
    try (RangeSource s = RangeSources.open(uri, OPTIONS)) {
      assertThat(s).isInstanceOf(RemoteRangeSource.class);
      assertThat(s.readFully(5, 5)).isEqualTo(Arrays.copyOfRange(c, 5, 10));
    }
    BlockCache cache = BlockCaches.memory(1 << 20);
    try (RangeSource s = RangeSources.open(uri, OPTIONS.withCache(cache, 65_536))) {
      assertThat(s).isInstanceOf(CachingRangeSource.class);
      assertThat(s.readFully(70_000, 5)).isEqualTo(Arrays.copyOfRange(c, 70_000, 70_005));
      assertThat(RemoteSources.requestStats(s)).hasValueSatisfying(st -> assertThat(st.requests()).isEqualTo(2));
    }
  }
}
