package io.easystore.remote;

import io.easystore.testing.ScriptedHttpServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request budgets with {@link CachingRangeSource}: what is fetched once is never fetched again. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CachingRangeSourceTest {
  static final byte[] CONTENT = RangeSourceContract.content(300_000, 7);
  static final int BLOCK = 65_536;
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
      .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10), 1.0));

  private ScriptedHttpServer server;
  private final AtomicReference<byte[]> content = new AtomicReference<>(CONTENT);
  private final AtomicReference<String> etag = new AtomicReference<>("\"v1\"");

  private URI start() throws IOException {
    server = new ScriptedHttpServer((r, ex) -> ScriptedHttpServer.serveRange(r, ex, content.get(), etag.get()));
    return server.uri("/c.des");
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private CachingRangeSource open(URI uri, BlockCache cache) throws IOException {
    return CachingRangeSource.wrap(HttpRangeSource.open(uri, OPTIONS), cache, BLOCK);
  }

  private static byte[] slice(byte[] c, int from, int len) {
    return Arrays.copyOfRange(c, from, from + len);
  }

  @Test
  void aSmallReadFetchesItsWholeAlignedBlockOnce() throws Exception {
    URI uri = start();
    try (CachingRangeSource s = open(uri, BlockCaches.memory(1 << 20))) {
      assertThat(s.readFully(70_000, 10)).isEqualTo(slice(CONTENT, 70_000, 10));
      assertThat(server.requests().get(1).header("Range")).isEqualTo("bytes=65536-131071");
      assertThat(s.readFully(65_536, BLOCK)).isEqualTo(slice(CONTENT, 65_536, BLOCK));
      assertThat(server.requests()).hasSize(2);
      assertThat(s.cacheStats()).isEqualTo(new CachingRangeSource.Stats(1, 1));
    }
  }

  @Test
  void consecutiveMissingBlocksAreFetchedWithOneRequest() throws Exception {
    URI uri = start();
    try (CachingRangeSource s = open(uri, BlockCaches.memory(1 << 20))) {
      assertThat(s.readFully(0, 200_000)).isEqualTo(slice(CONTENT, 0, 200_000));
      // Blocks 0-3; the part of block 3 inside the prefetched tail comes from memory.
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1).header("Range")).isEqualTo("bytes=0-234463");
    }
  }

  @Test
  void anotherOpenOfTheSameVersionReadsFromTheSharedCache() throws Exception {
    URI uri = start();
    BlockCache shared = BlockCaches.memory(1 << 20);
    try (CachingRangeSource a = open(uri, shared)) {
      a.readFully(1000, 100);
    }
    int before = server.requests().size();
    try (CachingRangeSource b = open(uri, shared)) {
      assertThat(b.readFully(1000, 100)).isEqualTo(slice(CONTENT, 1000, 100));
      assertThat(b.readFully(CONTENT.length - 40, 40)).isEqualTo(slice(CONTENT, CONTENT.length - 40, 40));
      assertThat(server.requests().size() - before).as("only the opening request").isEqualTo(1);
      assertThat(RemoteSources.requestStats(b).orElseThrow().requests()).isEqualTo(1);
    }
  }

  @Test
  void aNewVersionNeverSeesTheOldVersionsBlocks() throws Exception {
    URI uri = start();
    BlockCache shared = BlockCaches.memory(1 << 20);
    try (CachingRangeSource a = open(uri, shared)) {
      a.readFully(0, 100);
    }
    byte[] v2 = RangeSourceContract.content(300_000, 8);
    content.set(v2);
    etag.set("\"v2\"");
    try (CachingRangeSource b = open(uri, shared)) {
      assertThat(b.readFully(0, 100)).isEqualTo(slice(v2, 0, 100));
      assertThat(b.cacheStats().misses()).isEqualTo(1);
    }
  }

  @Test
  void readsInsideThePrefetchedTailCostNothingAndBypassTheCache() throws Exception {
    URI uri = start();
    try (CachingRangeSource s = open(uri, BlockCaches.memory(1 << 20))) {
      assertThat(s.readFully(CONTENT.length - 60_000, 60_000)).isEqualTo(slice(CONTENT, CONTENT.length - 60_000, 60_000));
      assertThat(server.requests()).hasSize(1);
      assertThat(s.cacheStats()).isEqualTo(new CachingRangeSource.Stats(0, 0));
    }
  }

  @Test
  void sourcesWithoutAStrongEtagDoNotShareBlocks() throws Exception {
    etag.set("W/\"weak\"");
    URI uri = start();
    BlockCache shared = BlockCaches.memory(1 << 20);
    try (CachingRangeSource a = open(uri, shared)) {
      a.readFully(0, 10);
    }
    try (CachingRangeSource b = open(uri, shared)) {
      b.readFully(0, 10);
      assertThat(b.cacheStats().misses()).isEqualTo(1);
    }
  }

  @Test
  void aCachedBlockOfTheWrongLengthIsRefetched() throws Exception {
    byte[] c = RangeSourceContract.content(10_000, 3);
    BlockCache cache = BlockCaches.memory(1 << 20);
    cache.put(new BlockKey("m", "v", 4096, 0), new byte[100]);
    try (CachingRangeSource s = CachingRangeSource.wrap(RangeSources.memory("m", c), "v", cache, 4096)) {
      assertThat(s.readFully(0, 10)).isEqualTo(slice(c, 0, 10));
      assertThat(s.cacheStats().misses()).isEqualTo(1);
      assertThat(cache.get(new BlockKey("m", "v", 4096, 0)).map(ByteBuffer::remaining)).isEqualTo(Optional.of(4096));
    }
  }

  @Test
  void aLongReadIsCappedAtMaxBlocksPerCall() throws Exception {
    byte[] c = RangeSourceContract.content(100_000, 4);
    try (RangeSource s = CachingRangeSource.wrap(RangeSources.memory("m", c), "v", BlockCaches.memory(1 << 20), 1000)) {
      ByteBuffer dst = ByteBuffer.allocate(100_000);
      assertThat(s.read(500, dst)).isEqualTo(CachingRangeSource.MAX_BLOCKS_PER_READ * 1000 - 500);
    }
  }

  @Test
  void remoteSourcesAddsTheCacheFromOptions() throws Exception {
    URI uri = start();
    RangeSource s = RemoteSources.open(uri.toString(), OPTIONS.withCache(BlockCaches.memory(1 << 20), BLOCK));
    try (s) {
      assertThat(s).isInstanceOf(CachingRangeSource.class);
      assertThat(s.readFully(10, 10)).isEqualTo(slice(CONTENT, 10, 10));
    }
    assertThat(server.requests().get(0).header("Range")).isEqualTo("bytes=-65536");
  }
}
