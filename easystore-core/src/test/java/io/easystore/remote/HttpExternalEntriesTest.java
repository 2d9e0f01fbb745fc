package io.easystore.remote;

import io.easystore.testing.JettyFileServer;
import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ExternalBodyException;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** External entries read over HTTP range requests from a real server (Jetty), with exact request counts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpExternalEntriesTest {
  @TempDir static Path root;
  static JettyFileServer jetty;
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetry(RetryPolicy.none());
  static final byte[] SMALL = random(300, 1);
  static final byte[] BIG = random(5000, 2);
  static final byte[] HUGE = random(300_000, 3);

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
    try (DesWriter w = DesWriter.create(root.resolve("c.des"), WriterOptions.defaults().withExternalThreshold(1024))) {
      w.addFile("dir/small", SMALL, null);
      w.addFile("dir/big", BIG, null);
      w.addFile("dir/huge", new ByteArrayInputStream(HUGE), null);
    }
    try (DesWriter w = DesWriter.create(root.resolve("v1 file.des"), WriterOptions.v1().withExternalThreshold(1024))) {
      w.addFile("small", SMALL, null);
      w.addFile("big", new ByteArrayInputStream(BIG), null);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Test
  void anExternalReadCostsOneRequestForTheSiblingAndStatsCountIt() throws Exception {
    URI uri = jetty.uri("c.des");
    long containerSize = Files.size(root.resolve("c.des"));
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), OPTIONS)) {
      assertThat(r.requestStats()).contains(new RequestStats.Snapshot(1, containerSize, 0));
      assertThat(r.getFile("dir/small")).isEqualTo(SMALL);
      assertThat(r.requestStats().orElseThrow().requests()).as("inline body within the tail").isEqualTo(1);
      // The metadata (holding the key) lies in the tail; the sibling's opening request brings the whole body.
      assertThat(r.getFile("dir/big")).isEqualTo(BIG);
      assertThat(r.requestStats()).contains(new RequestStats.Snapshot(2, containerSize + BIG.length, 0));
      // A body larger than the sibling's tail: the opening request, then the stream's 64 KiB reads
      // of the part before the tail (the tail itself is served from memory).
      try (InputStream in = r.openStream("dir/huge")) {
        assertThat(in.readAllBytes()).isEqualTo(HUGE);
      }
      RequestStats.Snapshot s = r.requestStats().orElseThrow();
      long beforeTail = HUGE.length - OPTIONS.tailBytes();
      long chunks = (beforeTail + (64 << 10) - 1) / (64 << 10);
      assertThat(s.requests()).isEqualTo(2 + 1 + chunks);
      assertThat(s.bytes()).isEqualTo(containerSize + BIG.length + HUGE.length);
    }
  }

  @Test
  void batchesMixInlineAndExternalMembersAndChannelsSeek() throws Exception {
    try (DesReader r = DesReader.open(jetty.uri("c.des"), ReaderOptions.defaults(), OPTIONS)) {
      Map<String, byte[]> got = r.getFiles(List.of("dir/huge", "dir/small", "dir/big"));
      assertThat(got.keySet()).containsExactly("dir/huge", "dir/small", "dir/big");
      assertThat(got.get("dir/huge")).isEqualTo(HUGE);
      assertThat(got.get("dir/small")).isEqualTo(SMALL);
      assertThat(got.get("dir/big")).isEqualTo(BIG);
      try (SeekableByteChannel ch = r.newChannel("dir/huge")) {
        ByteBuffer b = ByteBuffer.allocate(16);
        ch.position(250_000).read(b);
        assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(HUGE, 250_000, 250_016));
        b.clear();
        ch.position(3).read(b);
        assertThat(b.array()).isEqualTo(java.util.Arrays.copyOfRange(HUGE, 3, 19));
      }
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void v1ExternalEntriesResolveAgainstAnEncodedUrl() throws Exception {
    try (DesReader r = DesReader.open(jetty.uri("v1%20file.des"), ReaderOptions.defaults(), OPTIONS)) {
      assertThat(r.getMeta("big").get("external_key").asText()).isEqualTo("_bigFiles/big");
      assertThat(r.getFile("big")).isEqualTo(BIG);
      assertThat(r.getFiles(List.of("small", "big")).get("big")).isEqualTo(BIG);
    }
  }

  @Test
  void aMissingOrReplacedSiblingOverHttpIsATypedError() throws Exception {
    Path dir = Files.createDirectories(root.resolve("broken"));
    try (DesWriter w = DesWriter.create(dir.resolve("b.des"), WriterOptions.defaults().withExternalThreshold(1024))) {
      w.addFile("gone", BIG, null);
      w.addFile("changed", BIG, null);
    }
    URI uri = jetty.uri("broken/b.des");
    try (DesReader r = DesReader.open(uri, ReaderOptions.defaults(), OPTIONS)) {
      Files.delete(dir.resolve(r.getMeta("gone").get("external_key").asText()));
      Files.write(dir.resolve(r.getMeta("changed").get("external_key").asText()), new byte[7]);
      assertThatThrownBy(() -> r.getFile("gone")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining(uri.toString()).hasMessageContaining("missing");
      assertThatThrownBy(() -> r.getFile("changed")).isInstanceOf(ExternalBodyException.class)
          .hasMessageContaining("7 bytes");
    }
  }

  @Test
  void aHostileKeyNeverLeavesTheContainersDirectory() throws Exception {
    Path dir = Files.createDirectories(root.resolve("hostile"));
    Files.write(root.resolve("secret"), BIG);
    for (String key : List.of("../secret", "/secret", "http://127.0.0.1:1/x", "s3://other/x")) {
      Path c = io.easystore.external.HostileKeysAccess.v1WithKey(dir, key, BIG.length);
      try (DesReader r = DesReader.open(jetty.uri("hostile/" + c.getFileName()), ReaderOptions.defaults(), OPTIONS)) {
        long before = r.requestStats().orElseThrow().requests();
        assertThatThrownBy(() -> r.getFile("victim")).isInstanceOf(CorruptContainerException.class)
            .hasMessageContaining("victim");
        assertThat(r.requestStats().orElseThrow().requests()).as("no request for a hostile key").isEqualTo(before);
      }
    }
  }
}
