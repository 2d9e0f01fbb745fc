package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.testing.RangeSourceContract;
import io.easystore.remote.ObjectChangedException;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteProtocolException;
import io.easystore.remote.RemoteRangeSource;
import io.easystore.io.RequestStats;
import io.easystore.remote.RetryPolicy;
import io.easystore.testing.ScriptedHttpServer;
import io.easystore.remote.TransientRemoteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 faults scripted on a raw socket server speaking just enough of the S3 REST API: throttling
 * ({@code SlowDown}), cut and stalled bodies, a precondition failure, a whole object instead of a
 * range, and failing part uploads.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class S3FaultTest {
  static final byte[] CONTENT = RangeSourceContract.content(100_000, 17);
  static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500))
      .withTailBytes(1024)
      .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20), 1.0));
  static final S3Location LOC = S3Location.of("bkt", "c.des");

  private ScriptedHttpServer server;
  private S3Client client;

  private S3Client start(ScriptedHttpServer.Handler handler) throws IOException {
    server = new ScriptedHttpServer(handler);
    client = S3Clients.create(S3Options.forEndpoint(server.uri("")).withRegion("us-east-1").withKeys("a", "b"), OPTIONS);
    return client;
  }

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
      assertThat(server.errors()).isEmpty();
    }
  }

  static void s3Error(ScriptedHttpServer.Exchange ex, int status, String code) throws IOException {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>scripted "
        + code + "</Message><RequestId>r1</RequestId></Error>";
    ex.respond(status, Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8));
  }

  static void good(ScriptedHttpServer.Request r, ScriptedHttpServer.Exchange ex) throws IOException {
    ScriptedHttpServer.serveRange(r, ex, CONTENT, ETAG);
  }

  static byte[] slice(int from, int len) {
    return Arrays.copyOfRange(CONTENT, from, from + len);
  }

  @Test
  void slowDownIsRetriedAndCounted() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 1) {
        s3Error(ex, 503, "SlowDown");
      } else {
        good(r, ex);
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThat(server.requests().get(0).target()).startsWith("/bkt/c.des");
      assertThat(server.requests().get(0).header("Range")).isEqualTo("bytes=-1024");
      assertThat(s.readFully(100, 100)).isEqualTo(slice(100, 100));
      assertThat(s.stats()).isEqualTo(new RequestStats.Snapshot(3, 1024 + 100, 1));
      assertThat(server.requests().get(2).header("If-Match")).isEqualTo(ETAG);
    }
  }

  @Test
  void persistentThrottlingGivesUpWithATypedError() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        s3Error(ex, 503, "SlowDown");
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThatThrownBy(() -> s.readFully(0, 10))
          .isInstanceOfSatisfying(TransientRemoteException.class, e -> assertThat(e.status()).isEqualTo(503))
          .hasMessageContaining("SlowDown").hasMessageContaining("giving up after 3 attempts");
    }
  }

  @Test
  void aBodyCutShortIsRetried() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 1) {
        ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), 10_000);
        ex.write(CONTENT, 0, 3000);
      } else {
        good(r, ex);
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThat(s.readFully(0, 10_000)).isEqualTo(slice(0, 10_000));
      assertThat(s.stats().retries()).isEqualTo(1);
    }
  }

  @Test
  void aStalledBodyTimesOutInsteadOfHanging() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
        return;
      }
      ex.head(206, Map.of("ETag", ETAG, "Content-Range", "bytes 0-9999/100000"), 10_000);
      ex.write(CONTENT, 0, 100);
      ex.stall();
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS.withRetry(
        new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 1.0)))) {
      assertThatThrownBy(() -> s.readFully(0, 10_000)).isInstanceOf(TransientRemoteException.class);
      assertThat(s.stats().requests()).isEqualTo(3);
    }
  }

  @Test
  void preconditionFailedMeansTheObjectChanged() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        s3Error(ex, 412, "PreconditionFailed");
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThatThrownBy(() -> s.readFully(0, 10)).isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining("PreconditionFailed");
      assertThat(s.stats().retries()).isZero();
    }
  }

  @Test
  void aWholeObjectWhereARangeWasAskedIsAProtocolError() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.number() == 0) {
        good(r, ex);
      } else {
        ex.respond(200, Map.of("ETag", ETAG), CONTENT);
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThatThrownBy(() -> s.readFully(50, 10)).isInstanceOf(RemoteProtocolException.class)
          .hasMessageContaining("206 was expected");
    }
  }

  @Test
  void aStoreThatIgnoresRangeIsRejectedAtOpen() throws Exception {
    S3Client c = start((r, ex) -> ex.respond(200, Map.of("ETag", ETAG), CONTENT));
    assertThatThrownBy(() -> S3RangeSource.open(c, LOC, OPTIONS)).isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("ignored the Range");
  }

  @Test
  void anEmptyObjectWhoseSuffixRangeIs416CostsAHeadAndBothAreCounted() throws Exception {
    S3Client c = start((r, ex) -> {
      if (r.method().equals("HEAD")) {
        ex.head(200, Map.of("ETag", ETAG), 0);
      } else {
        String xml = "<Error><Code>InvalidRange</Code><Message>empty</Message></Error>";
        ex.respond(416, Map.of("Content-Range", "bytes */0", "Content-Type", "application/xml"),
            xml.getBytes(StandardCharsets.UTF_8));
      }
    });
    try (RemoteRangeSource s = S3RangeSource.open(c, LOC, OPTIONS)) {
      assertThat(s.size()).isZero();
      assertThat(s.version().etag()).isEqualTo(ETAG);
      assertThat(s.stats().requests()).isEqualTo(2).isEqualTo(server.requests().size());
    }
  }

  /** Just enough multipart upload API; parts are kept in order of their numbers. */
  static final class FakeUploads {
    final Map<Integer, byte[]> parts = new ConcurrentSkipListMap<>();
    volatile byte[] completed;
    volatile boolean aborted;

    void handle(ScriptedHttpServer.Request r, ScriptedHttpServer.Exchange ex) throws IOException {
      Map<String, String> q = query(r.target());
      String xml;
      if (r.method().equals("POST") && q.containsKey("uploads")) {
        xml = "<InitiateMultipartUploadResult><Bucket>bkt</Bucket><Key>c.des</Key><UploadId>u1</UploadId>"
            + "</InitiateMultipartUploadResult>";
      } else if (r.method().equals("PUT") && q.containsKey("partNumber")) {
        parts.put(Integer.parseInt(q.get("partNumber")), body(r));
        ex.respond(200, Map.of("ETag", "\"p" + q.get("partNumber") + "\""), new byte[0]);
        return;
      } else if (r.method().equals("POST") && q.containsKey("uploadId")) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts.values()) {
          all.write(p);
        }
        completed = all.toByteArray();
        xml = "<CompleteMultipartUploadResult><Bucket>bkt</Bucket><Key>c.des</Key><ETag>\"all-" + parts.size()
            + "\"</ETag></CompleteMultipartUploadResult>";
      } else if (r.method().equals("DELETE") && q.containsKey("uploadId")) {
        aborted = true;
        ex.respond(204, Map.of(), new byte[0]);
        return;
      } else {
        s3Error(ex, 400, "Unexpected");
        return;
      }
      ex.respond(200, Map.of("Content-Type", "application/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String target) {
      Map<String, String> q = new TreeMap<>();
      int i = target.indexOf('?');
      if (i >= 0) {
        for (String kv : target.substring(i + 1).split("&")) {
          int eq = kv.indexOf('=');
          q.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
      }
      return q;
    }

    /** The payload, unwrapping SigV4 streaming ({@code aws-chunked}) framing if the SDK used it. */
    static byte[] body(ScriptedHttpServer.Request r) throws IOException {
      String sha = r.header("x-amz-content-sha256");
      if (sha == null || !sha.startsWith("STREAMING-")) {
        return r.body();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] b = r.body();
      int pos = 0;
      while (true) {
        int eol = indexOf(b, pos);
        String line = new String(b, pos, eol - pos, StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(line.split(";")[0].trim(), 16);
        pos = eol + 2;
        if (size == 0) {
          return out.toByteArray();
        }
        out.write(b, pos, size);
        pos += size + 2;
      }
    }

    private static int indexOf(byte[] b, int from) throws IOException {
      for (int i = from; i + 1 < b.length; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n') {
          return i;
        }
      }
      throw new IOException("bad aws-chunked framing");
    }
  }

  @Test
  void aThrottledPartUploadIsRetriedAndTheUploadCompletes() throws Exception {
    FakeUploads fake = new FakeUploads();
    boolean[] failedOnce = {false};
    S3Client c = start((r, ex) -> {
      if (r.method().equals("PUT") && r.target().contains("partNumber=1") && !failedOnce[0]) {
        failedOnce[0] = true;
        s3Error(ex, 503, "SlowDown");
      } else {
        fake.handle(r, ex);
      }
    });
    byte[] content = RangeSourceContract.content(S3MultipartSink.MIN_PART_SIZE + 1000, 18);
    try (S3MultipartSink sink = S3MultipartSink.create(c, LOC, S3MultipartSink.MIN_PART_SIZE, OPTIONS.retry())) {
      sink.write(ByteBuffer.wrap(content));
      sink.publish();
      assertThat(sink.stats()).isEqualTo(new RequestStats.Snapshot(5, content.length, 1));
      assertThat(sink.publishedEtag()).contains("\"all-2\"");
    }
    assertThat(fake.completed).isEqualTo(content);
    assertThat(server.requests().stream().filter(q -> q.target().contains("partNumber")))
        .allSatisfy(q -> assertThat(q.header("Content-MD5")).isNotBlank());
  }

  @Test
  void aPartThatCannotBeUploadedFailsTheWriteAndCloseAbortsTheUpload() throws Exception {
    FakeUploads fake = new FakeUploads();
    S3Client c = start((r, ex) -> {
      if (r.method().equals("PUT") && r.target().contains("partNumber")) {
        s3Error(ex, 400, "BadDigest");
      } else {
        fake.handle(r, ex);
      }
    });
    S3MultipartSink sink = S3MultipartSink.create(c, LOC, S3MultipartSink.MIN_PART_SIZE, OPTIONS.retry());
    byte[] content = RangeSourceContract.content(S3MultipartSink.MIN_PART_SIZE + 10, 19);
    assertThatThrownBy(() -> sink.write(ByteBuffer.wrap(content))).isInstanceOf(IOException.class)
        .hasMessageContaining("BadDigest");
    sink.close();
    assertThat(fake.aborted).isTrue();
    assertThat(fake.completed).isNull();
  }

  @Test
  void aFailedCompleteLeavesOnlyCloseWhichAbortsTheUpload() throws Exception {
    FakeUploads fake = new FakeUploads();
    S3Client c = start((r, ex) -> {
      if (r.method().equals("POST") && r.target().contains("uploadId=")) {
        s3Error(ex, 400, "InvalidPart");
      } else {
        fake.handle(r, ex);
      }
    });
    S3MultipartSink sink = S3MultipartSink.create(c, LOC, S3MultipartSink.MIN_PART_SIZE, OPTIONS.retry());
    sink.write(ByteBuffer.wrap(RangeSourceContract.content(S3MultipartSink.MIN_PART_SIZE + 10, 20)));
    assertThatThrownBy(sink::publish).isInstanceOf(IOException.class).hasMessageContaining("InvalidPart");
    assertThatThrownBy(sink::publish).isInstanceOf(IOException.class).hasMessageContaining("earlier publish failed");
    sink.close();
    assertThat(fake.aborted).isTrue();
    assertThat(fake.parts).hasSize(2);
  }
}
