package io.easystore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ExternalBodyException;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteSources;
import io.easystore.io.RequestStats;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** External entries written through the S3 sink and read back from a real S3 API (S3Proxy). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3ExternalEntriesTest {
  static final String BUCKET = "external";
  static S3ProxyServer s3;
  static final byte[] SMALL = random(300, 1);
  static final byte[] BIG = random(5000, 2);
  static final byte[] HUGE = random(300_000, 3);
  static final byte[] TEXT = "abcd".repeat(20_000).getBytes();

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  List<String> keys(String prefix) {
    return s3.admin.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
        .sorted().toList();
  }

  void write(String uri, WriterOptions o) throws IOException {
    try (DesWriter w = DesWriter.create(RemoteSources.createSink(uri, s3.providerOptions()), o)) {
      w.addFile("d/small", SMALL, null);
      w.addFile("d/big", BIG, null);
      // A stream of unknown length, beyond the threshold.
      w.addFile("d/huge", new ByteArrayInputStream(HUGE), null);
      w.addFile("d/text", new ByteArrayInputStream(TEXT), null);
    }
  }

  @Test
  void externalEntriesRoundTripThroughS3WithExactRequestCounts() throws Exception {
    String uri = "s3://" + BUCKET + "/rt/c.des";
    write(uri, WriterOptions.defaults().withCodec(CodecId.ZSTD).withExternalThreshold(1024));
    List<String> keys = keys("rt/");
    assertThat(keys).hasSize(4).contains("rt/c.des");
    assertThat(keys).filteredOn(k -> !k.equals("rt/c.des")).allMatch(k -> k.startsWith("rt/c.des.ext/"));
    RemoteOptions options = s3.providerOptions();
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), options)) {
      RequestStats.Snapshot opened = r.requestStats().orElseThrow();
      assertThat(opened.requests()).isEqualTo(1);
      assertThat(r.entry("d/small").isExternal()).isFalse();
      assertThat(r.entry("d/big").isExternal()).isTrue();
      assertThat(r.getFile("d/big")).isEqualTo(BIG);
      // The key is in the container's tail; the sibling's one opening request brings its whole body.
      assertThat(r.requestStats().orElseThrow().minus(opened))
          .isEqualTo(new RequestStats.Snapshot(1, BIG.length, 0));
      assertThat(r.entry("d/text").isCompressed()).isTrue();
      assertThat(r.getFile("d/text")).isEqualTo(TEXT);
      try (InputStream in = r.openStream("d/huge")) {
        assertThat(in.readAllBytes()).isEqualTo(HUGE);
      }
      Map<String, byte[]> got = r.getFiles(List.of("d/huge", "d/small", "d/big", "d/text"));
      assertThat(got.get("d/huge")).isEqualTo(HUGE);
      assertThat(got.get("d/small")).isEqualTo(SMALL);
      assertThat(got.get("d/big")).isEqualTo(BIG);
      assertThat(got.get("d/text")).isEqualTo(TEXT);
      try (SeekableByteChannel ch = r.newChannel("d/huge")) {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.position(123_456).read(b);
        assertThat(b.array()).isEqualTo(Arrays.copyOfRange(HUGE, 123_456, 123_488));
      }
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void v1ExternalEntriesRoundTripThroughS3() throws Exception {
    String uri = "s3://" + BUCKET + "/v1/flat.des";
    try (DesWriter w = DesWriter.create(RemoteSources.createSink(uri, s3.providerOptions()),
        WriterOptions.v1().withExternalThreshold(1024))) {
      w.addFile("small", SMALL, null);
      w.addFile("big", new ByteArrayInputStream(BIG), null);
    }
    // The original DES layout A: the body at <prefix>/_bigFiles/<name>, external_key bucket-absolute,
    // which is where the original S3DesReader looks and what the original writer records.
    assertThat(keys("v1/")).containsExactly("v1/_bigFiles/big", "v1/flat.des");
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), s3.providerOptions())) {
      assertThat(r.getMeta("big").get("is_external").asBoolean()).isTrue();
      assertThat(r.getMeta("big").get("external_key").asText()).isEqualTo("v1/_bigFiles/big");
      assertThat(r.getFile("big")).isEqualTo(BIG);
      assertThat(r.getFiles(List.of("small", "big")).get("small")).isEqualTo(SMALL);
    }
  }

  @Test
  void anAbortedOrFailedWriteLeavesNoSibling() throws Exception {
    String uri = "s3://" + BUCKET + "/aborted/c.des";
    DesWriter w = DesWriter.create(RemoteSources.createSink(uri, s3.providerOptions()),
        WriterOptions.defaults().withExternalThreshold(1024));
    w.addFile("a", BIG, null);
    w.addFile("b", new ByteArrayInputStream(HUGE), null);
    assertThat(keys("aborted/")).hasSize(2);
    w.abort();
    assertThat(keys("aborted/")).isEmpty();

    String failing = "s3://" + BUCKET + "/failed/c.des";
    DesWriter f = DesWriter.create(RemoteSources.createSink(failing, s3.providerOptions()),
        WriterOptions.defaults().withExternalThreshold(1024));
    f.addFile("a", BIG, null);
    InputStream broken = new FilterInputStream(new ByteArrayInputStream(HUGE)) {
      int served;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (served > 100_000) {
          throw new IOException("source went away");
        }
        int n = super.read(b, off, Math.min(len, 10_000));
        served += Math.max(n, 0);
        return n;
      }
    };
    assertThatThrownBy(() -> f.addFile("b", broken, null)).hasMessageContaining("went away");
    assertThatThrownBy(f::close).isInstanceOf(IOException.class);
    assertThat(keys("failed/")).isEmpty();
  }

  @Test
  void missingReplacedAndHostileSiblingsAreTypedErrors() throws Exception {
    String uri = "s3://" + BUCKET + "/broken/c.des";
    write(uri, WriterOptions.defaults().withExternalThreshold(1024));
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), s3.providerOptions())) {
      String bigKey = "broken/" + r.getMeta("d/big").get("external_key").asText();
      String hugeKey = "broken/" + r.getMeta("d/huge").get("external_key").asText();
      s3.admin.deleteObject(b -> b.bucket(BUCKET).key(bigKey));
      s3.admin.putObject(b -> b.bucket(BUCKET).key(hugeKey), RequestBody.fromBytes(new byte[9]));
      assertThatThrownBy(() -> r.getFile("d/big")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining(uri).hasMessageContaining("d/big").hasMessageContaining("missing");
      assertThatThrownBy(() -> r.openStream("d/huge")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining("9 bytes");
      assertThat(r.getFile("d/small")).isEqualTo(SMALL);
    }
    java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("hostile");
    try {
      for (String key : List.of("../x", "/etc/passwd", "s3://other/x")) {
        java.nio.file.Path c = io.easystore.external.HostileKeysAccess.v1WithKey(tmp, key, 10);
        String at = "s3://" + BUCKET + "/hostile/h" + Integer.toHexString(key.hashCode()) + ".des";
        s3.put(S3Location.of(BUCKET, at.substring(("s3://" + BUCKET + "/").length())),
            java.nio.file.Files.readAllBytes(c));
        try (DesReader r = DesReader.open(at, ReaderOptions.defaults(), s3.providerOptions())) {
          assertThatThrownBy(() -> r.getFile("victim")).isInstanceOf(CorruptContainerException.class)
              .hasMessageContaining(at).hasMessageContaining("victim");
          assertThat(r.requestStats().orElseThrow().requests()).isEqualTo(1);
        }
      }
    } finally {
      try (var s = java.nio.file.Files.walk(tmp)) {
        for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }
}
