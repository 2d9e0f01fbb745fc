package io.easystore.remote;

import io.easystore.testing.ScriptedHttpServer;
import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.testing.RangeSourceContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults a real network shows, scripted on a raw socket server: throttling, server errors, cut and
 * stalled bodies, servers that ignore Range or lie in their headers, objects replaced between
 * requests. Every test ends by itself: attempts are bounded and each has a short deadline.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpFaultTest {
  static final byte[] CONTENT = RangeSourceContract.content(100_000, 42);
  static final String ETAG = "\"v1\"";
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500))
      .withTailBytes(1024)
      .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20), 1.0));

  private ScriptedHttpServer server;

  private URI start(ScriptedHttpServer.Handler handler) throws IOException {
    server = new ScriptedHttpServer(handler);
    return server.uri("/c.des");
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
      assertThat(server.errors()).isEmpty();
    }
  }

  private static void good(ScriptedHttpServer.Request r, ScriptedHttpServer.Exchange ex) throws IOException {
    ScriptedHttpServer.serveRange(r, ex, CONTENT, ETAG);
  }

  private static byte[] slice(int from, int len) {
    return Arrays.copyOfRange(CONTENT, from, from + len);
  }

  @Test
  void openIsOneSuffixRequestThatYieldsSizeVersionAndTail() throws Exception {
    RemoteRangeSource s = HttpRangeSource.open(start(HttpFaultTest::good), OPTIONS);
    assertThat(s.size()).isEqualTo(CONTENT.length);
    assertThat(s.version().etag()).isEqualTo(ETAG);
    assertThat(s.readFully(CONTENT.length - 100, 100)).isEqualTo(slice(CONTENT.length - 100, 100));
    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).header("Range")).isEqualTo("bytes=-1024");
    s.readFully(10, 10);
    assertThat(server.requests().get(1).header("Range")).isEqualTo("bytes=10-19");
    assertThat(server.requests().get(1).header("If-Match")).isEqualTo(ETAG);
  }

  @Test
  void throttlingWith503ThenSuccessIsRetried() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 1 || r.number() == 2) {
        ex.respond(r.number() == 1 ? 503 : 429, Map.of("Retry-After", "0"), "slow down".getBytes());
      } else {
        good(r, ex);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.readFully(500, 100)).isEqualTo(slice(500, 100));
    assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(4, 1024 + 100, 2));
  }

  @Test
  void persistentServerErrorsGiveUpAfterMaxAttemptsWithATypedError() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(500, Map.of(), "boom".getBytes());
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10))
        .isInstanceOfSatisfying(TransientRemoteException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("giving up after 3 attempts")
        .hasMessageContaining("boom");
    assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(4, 1024, 2));
  }

  @Test
  void aConnectionDroppedMidBodyIsRetried() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 1) {
        ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), 10_000);
        ex.write(CONTENT, 0, 3000);
        // returning closes the socket 7000 bytes early
      } else {
        good(r, ex);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.readFully(0, 10_000)).isEqualTo(slice(0, 10_000));
    assertThat(s.stats().retries()).isEqualTo(1);
  }

  @Test
  void aCloseDelimitedBodyThatEndsEarlyIsAShortRead() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), -1);
        ex.write(CONTENT, 0, 4000);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10_000))
        .isInstanceOfSatisfying(ShortReadException.class, e -> {
          assertThat(e.expected()).isEqualTo(10_000);
          assertThat(e.received()).isEqualTo(4000);
        })
        .hasMessageContaining("giving up after 3 attempts");
  }

  @Test
  void aSlowButSteadyBodyArrivesWhole() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
        return;
      }
      ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), 10_000);
      for (int i = 0; i < 10; i++) {
        ex.write(CONTENT, i * 1000, 1000);
        ex.pause(20);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.readFully(0, 10_000)).isEqualTo(slice(0, 10_000));
    assertThat(s.stats().retries()).isZero();
  }

  @Test
  void aStalledBodyTimesOutAndIsRetriedInsteadOfHanging() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0 || r.number() == 4) {
        good(r, ex);
        return;
      }
      ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), 10_000);
      ex.write(CONTENT, 0, 100);
      ex.stall();
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10_000))
        .isInstanceOf(TransientRemoteException.class)
        .hasMessageContaining("no complete response within");
    assertThat(s.stats().requests()).isEqualTo(4);
    // The fourth request succeeds: the source is still usable after a timeout.
    assertThat(s.readFully(0, 10_000)).isEqualTo(slice(0, 10_000));
  }

  @Test
  void aStalledResponseHeadTimesOutToo() throws Exception {
    URI uri = start((r, ex) -> ex.stall());
    assertThatThrownBy(() -> HttpRangeSource.open(uri, OPTIONS.withRetry(RetryPolicy.none())))
        .isInstanceOf(TransientRemoteException.class);
  }

  @Test
  void a200WhereA206WasExpectedIsAProtocolErrorAndNotRetried() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(200, Map.of("ETag", ETAG), CONTENT);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(100, 10))
        .isInstanceOfSatisfying(RemoteProtocolException.class, e -> assertThat(e.status()).isEqualTo(200))
        .hasMessageContaining("206 was expected");
    assertThat(s.stats().requests()).isEqualTo(2);
  }

  @Test
  void aServerThatIgnoresRangeIsRejectedAtOpenWithoutDownloadingEverything() throws Exception {
    URI uri = start((r, ex) -> ex.respond(200, Map.of("ETag", ETAG), CONTENT));
    assertThatThrownBy(() -> HttpRangeSource.open(uri, OPTIONS))
        .isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("ignores Range");
  }

  @Test
  void aSmallObjectSentWholeWith200IsAcceptedAtOpen() throws Exception {
    byte[] small = slice(0, 500);
    URI uri = start((r, ex) -> ex.respond(200, Map.of("ETag", ETAG), small));
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.size()).isEqualTo(500);
    assertThat(s.readFully(0, 500)).isEqualTo(small);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anEmptyObjectIs416WithASizeOfZero() throws Exception {
    URI uri = start((r, ex) -> ScriptedHttpServer.serveRange(r, ex, new byte[0], ETAG));
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.size()).isZero();
    assertThat(s.read(0, java.nio.ByteBuffer.allocate(1))).isEqualTo(-1);
  }

  @Test
  void a416OnAReadMeansTheObjectShrank() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(416, Map.of("Content-Range", "bytes */5000"), new byte[0]);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(60_000, 10))
        .isInstanceOf(ObjectChangedException.class)
        .hasMessageContaining("size 5000");
  }

  @Test
  void anObjectReplacedBetweenRequestsFailsWithObjectChanged() throws Exception {
    AtomicReference<String> etag = new AtomicReference<>(ETAG);
    URI uri = start((r, ex) -> ScriptedHttpServer.serveRange(r, ex, CONTENT, etag.get()));
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThat(s.readFully(0, 10)).isEqualTo(slice(0, 10));
    etag.set("\"v2\"");
    assertThatThrownBy(() -> s.readFully(0, 10))
        .isInstanceOfSatisfying(ObjectChangedException.class, e -> {
          assertThat(e.expected()).contains(ETAG);
          assertThat(e.location()).endsWith("/c.des");
        })
        .hasMessageContaining("412");
    assertThat(s.stats().retries()).isZero();
  }

  @Test
  void aServerThatIgnoresIfMatchIsCaughtByTheResponseEtag() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ScriptedHttpServer.serveRange(new ScriptedHttpServer.Request(r.number(), r.method(), r.target(),
            Map.of("range", r.header("Range")), r.body()), ex, CONTENT, "\"v2\"");
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10))
        .isInstanceOf(ObjectChangedException.class)
        .hasMessageContaining("\"v2\"");
  }

  @Test
  void aDifferentTotalSizeInContentRangeIsAChangedObject() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9/99999"), slice(0, 10));
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(ObjectChangedException.class)
        .hasMessageContaining("size 99999");
  }

  @Test
  void aDeletedObjectFailsWithObjectChanged() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(404, Map.of(), "gone".getBytes());
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(ObjectChangedException.class)
        .hasMessageContaining("404");
  }

  @Test
  void theWrongPartOrAMissingContentRangeIsAProtocolError() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else if (r.number() == 1) {
        ex.respond(206, Map.of("ETag", ETAG, "Content-Range", "bytes 10-19/100000"), slice(10, 10));
      } else {
        ex.respond(206, Map.of("ETag", ETAG), slice(0, 10));
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("asked for bytes 0-9");
    assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("without a Content-Range");
  }

  @Test
  void aBodyLongerThanItsContentRangeIsAProtocolError() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9/100000"), slice(0, 5000));
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS);
    assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void missingAndForbiddenObjectsFailAtOpenWithTheirOwnTypes() throws Exception {
    URI uri = start((r, ex) -> ex.respond(r.target().contains("secret") ? 403 : 404, Map.of(), new byte[0]));
    assertThatThrownBy(() -> HttpRangeSource.open(uri, OPTIONS)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> HttpRangeSource.open(server.uri("/secret.des"), OPTIONS))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + port + "/c.des");
    assertThatThrownBy(() -> HttpRangeSource.open(uri, OPTIONS))
        .isInstanceOf(TransientRemoteException.class)
        .hasMessageContaining("giving up after 3 attempts");
  }

  @Test
  void userInfoBecomesBasicAuthAndNeverAppearsInNames() throws Exception {
    start(HttpFaultTest::good);
    URI uri = URI.create("http://alice:s3cret@127.0.0.1:" + server.port() + "/c.des?X-Amz-Signature=abc");
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS.withHeaders(Map.of("X-Trace", "t1")));
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
    assertThat(server.requests().get(0).header("X-Trace")).isEqualTo("t1");
    assertThat(s.name()).doesNotContain("s3cret").doesNotContain("abc").endsWith("/c.des?...");
    assertThat(s.location()).doesNotContain("s3cret").doesNotContain("abc");
  }

  @Test
  void concurrentReadersEachGetTheirOwnBytesDespiteFaults() throws Exception {
    URI uri = start((r, ex) -> {
      if (r.number() % 5 == 3) {
        ex.respond(503, Map.of(), new byte[0]);
      } else {
        good(r, ex);
      }
    });
    RemoteRangeSource s = HttpRangeSource.open(uri, OPTIONS.withRetry(
        new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(5), 1.0)));
    List<Thread> threads = new java.util.ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      int base = t * 20_000;
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            int pos = base + i * 1000;
            if (!Arrays.equals(s.readFully(pos, 1000), slice(pos, 1000))) {
              throw new AssertionError("wrong bytes at " + pos);
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join(30_000);
    }
    assertThat(failures).isEmpty();
    assertThat(s.stats().retries()).isPositive();
  }
}
