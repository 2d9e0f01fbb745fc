package io.easystore.remote;

import io.easystore.testing.BudgetContainer;
import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-container passes over HTTP (interop audit F11): verify, a full listing and export read
 * ahead in large windows, so they cost requests by bytes, not one per entry or index page; a
 * redirect is followed once per open, not once per read. Jetty counts the requests per path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpScanRequestsTest {
  @TempDir static Path root;
  static Server server;
  static ServerConnector connector;
  static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
      .withRetry(RetryPolicy.none());

  /** Counts every request by path; {@code /r/NAME} answers 302 to {@code /NAME}. */
  static final class Counting extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      HITS.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      if (path.startsWith("/r/")) {
        Response.sendRedirect(request, response, callback, 302, "/" + path.substring(3), true);
        return true;
      }
      return super.handle(request, response, callback);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(files).newResource(root));
    files.setEtags(true);
    files.setDirAllowed(false);
    files.setAcceptRanges(true);
    Counting counting = new Counting();
    counting.setHandler(files);
    server.setHandler(counting);
    server.setStopTimeout(0);
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @BeforeEach
  void reset() {
    HITS.clear();
  }

  private static URI publish(String name, BudgetContainer c) throws Exception {
    Files.write(root.resolve(name), c.build(root));
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/" + name);
  }

  private static int hits(String path) {
    AtomicInteger n = HITS.get(path);
    return n == null ? 0 : n.get();
  }

  /** Requests a pass of {@code bytes} may cost: per region read, a ramp of doubling windows, then one per window. */
  private static long budget(long bytes) {
    return 2 * (8 + bytes / PinnedRangeSource.MAX_WINDOW);
  }

  @Test
  void verifyOfTwoThousandEntriesCostsRequestsByBytesNotByEntries() throws Exception {
    BudgetContainer c = BudgetContainer.v2(2_000, 1000, 2);
    URI uri = publish("v2-2000.des", c);
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS); DesReader r = DesReader.open(s, ReaderOptions.defaults())) {
      RequestStats.Snapshot opened = s.stats();
      VerifyReport report = r.verify();
      assertThat(report.ok()).as(report.toString()).isTrue();
      long requests = s.stats().minus(opened).requests();
      assertThat(requests).as("verify of %d entries, %d bytes", c.entries(), s.size())
          .isLessThanOrEqualTo(budget(s.size()));
      assertThat(hits("/v2-2000.des")).isEqualTo((int) s.stats().requests());
    }
  }

  @Test
  void verifyOfAV1ContainerCostsRequestsByBytes() throws Exception {
    BudgetContainer c = BudgetContainer.v1(5_000, 200);
    URI uri = publish("v1-5000.des", c);
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS); DesReader r = DesReader.open(s, ReaderOptions.defaults())) {
      RequestStats.Snapshot opened = s.stats();
      assertThat(r.verify().ok()).isTrue();
      assertThat(s.stats().minus(opened).requests()).isLessThanOrEqualTo(budget(s.size()));
    }
  }

  @Test
  void aFullListingReadsTheIndexInLargeRangesNotPageByPage() throws Exception {
    BudgetContainer c = BudgetContainer.v2(30_000, 10, 2);
    URI uri = publish("v2-30000.des", c);
    try (RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS); DesReader r = DesReader.open(s, ReaderOptions.defaults())) {
      long indexBytes = s.size() - r.stats().indexStart();
      RequestStats.Snapshot opened = s.stats();
      assertThat(r.listFiles()).hasSize(30_000);
      long requests = s.stats().minus(opened).requests();
      assertThat(indexBytes / 4096).as("index pages").isGreaterThan(50);
      assertThat(requests).as("full listing of %d index bytes", indexBytes).isLessThanOrEqualTo(budget(indexBytes) / 2);
      // A lookup after the pass still costs at most its pages and body.
      RequestStats.Snapshot before = s.stats();
      assertThat(r.getFile(c.name(12_345))).isEqualTo(c.body(12_345));
      assertThat(s.stats().minus(before).requests()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aRedirectIsFollowedOncePerOpenNotOncePerRead() throws Exception {
    BudgetContainer c = BudgetContainer.v2(2_000, 1000, 2);
    publish("moved.des", c);
    URI redirecting = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/r/moved.des");
    try (RemoteRangeSource s = HttpRangeSource.open(redirecting, OPTIONS);
        DesReader r = DesReader.open(s, ReaderOptions.defaults())) {
      for (int i = 0; i < 2_000; i += 97) {
        assertThat(r.getFile(c.name(i))).isEqualTo(c.body(i));
      }
      try (Stream<IndexEntry> all = r.entries()) {
        assertThat(all.filter(e -> !e.isDirectory()).count()).isEqualTo(2_000);
      }
      assertThat(r.verify().ok()).isTrue();
      assertThat(hits("/r/moved.des")).as("requests to the redirecting URL").isEqualTo(1);
      assertThat(hits("/moved.des")).as("requests to the target").isEqualTo((int) s.stats().requests());
    }
  }
}
