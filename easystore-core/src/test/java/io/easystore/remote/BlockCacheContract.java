package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.testing.RangeSourceContract;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlockCache} promises, run against each implementation (memory, disk, tiered):
 * a hit returns exactly the bytes stored, as a read-only view positioned at 0; the byte bound
 * holds; a damaged entry is a miss, never wrong bytes; many threads at once get only right bytes;
 * and a cache outlives the sources that read through it (it has no close of its own).
 *
 * <p>Eviction order is not part of the contract (the memory cache is W-TinyLFU, the disk cache
 * goes by modification time), and a cache may refuse or drop any entry, so tests that fill a
 * cache past its bound check the bound and the bytes of the hits, not which blocks survive.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BlockCacheContract {
  static final int BLOCK = 1000;

  /** A cache holding at most {@code maxBytes}, in the units the implementation counts. */
  protected abstract BlockCache create(long maxBytes) throws IOException;

  /** What {@code cache} (made by {@link #create}) holds now, in the units of its bound. */
  protected abstract long held(BlockCache cache) throws IOException;

  /**
   * Damages the stored copy of the one block in {@code cache} (a flipped bit or a truncation
   * chosen by {@code seed}).
   *
   * @return false if the implementation keeps no copy outside the heap that could be damaged
   */
  protected abstract boolean damage(BlockCache cache, long seed) throws IOException;

  static BlockKey key(long i) {
    return new BlockKey("s3://bucket/key", "e:\"abc\"/300000", BLOCK, i);
  }

  static byte[] block(long i) {
    return RangeSourceContract.content(BLOCK, 1000 + i);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void storedBlocksComeBackByteForByteBelowTheBound() throws Exception {
    BlockCache c = create(1 << 20);
    for (int i = 0; i < 20; i++) {
      c.put(key(i), block(i));
    }
    for (int i = 0; i < 20; i++) {
      assertThat(bytes(c.get(key(i)).orElseThrow())).as("block %d", i).isEqualTo(block(i));
    }
  }

  @Test
  void keysDifferingInAnyPartAreDifferentBlocks() throws Exception {
    BlockCache c = create(1 << 20);
    c.put(key(0), block(0));
    BlockKey k = key(0);
    assertThat(c.get(new BlockKey(k.location() + "x", k.version(), k.blockSize(), 0))).isEmpty();
    assertThat(c.get(new BlockKey(k.location(), k.version() + "x", k.blockSize(), 0))).isEmpty();
    assertThat(c.get(new BlockKey(k.location(), k.version(), k.blockSize() * 2, 0))).isEmpty();
    assertThat(c.get(key(1))).isEmpty();
  }

  @Test
  void aHitIsAReadOnlyViewPositionedAtZeroThatTheCallerMayMove() throws Exception {
    BlockCache c = create(1 << 20);
    c.put(key(0), block(0));
    ByteBuffer b = c.get(key(0)).orElseThrow();
    assertThat(b.position()).isZero();
    assertThat(b.remaining()).isEqualTo(BLOCK);
    assertThat(b.isReadOnly()).isTrue();
    assertThatThrownBy(() -> b.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    b.position(500).limit(600);
    ByteBuffer again = c.get(key(0)).orElseThrow();
    assertThat(again.position()).isZero();
    assertThat(bytes(again)).isEqualTo(block(0));
  }

  @Test
  void aReplacedBlockServesTheNewBytes() throws Exception {
    BlockCache c = create(1 << 20);
    c.put(key(0), block(0));
    c.put(key(0), block(7));
    Optional<ByteBuffer> hit = c.get(key(0));
    assertThat(hit.map(BlockCacheContract::bytes)).hasValueSatisfying(b -> assertThat(b).isEqualTo(block(7)));
  }

  @Test
  void theBoundHoldsAfterEveryPutAndEveryHitIsRight() throws Exception {
    long bound = 10L * BLOCK;
    BlockCache c = create(bound);
    for (int i = 0; i < 200; i++) {
      c.put(key(i), block(i));
      assertThat(held(c)).as("after put %d", i).isLessThanOrEqualTo(bound);
      if (i % 3 == 0) {
        c.get(key(i / 2)); // some re-reads, so frequency-based policies have something to weigh
      }
    }
    assertThat(held(c)).as("a full cache keeps something").isPositive();
    int hits = 0;
    for (int i = 0; i < 200; i++) {
      Optional<ByteBuffer> hit = c.get(key(i));
      if (hit.isPresent()) {
        hits++;
        assertThat(bytes(hit.get())).as("block %d", i).isEqualTo(block(i));
      }
    }
    assertThat(hits).isPositive(); // how many survive is the policy's business (tiers add up)
  }

  @Test
  void aBlockLargerThanTheBoundIsNotStored() throws Exception {
    BlockCache c = create(4L * BLOCK);
    c.put(key(0), block(0));
    long before = held(c);
    c.put(key(1), new byte[5 * BLOCK]);
    assertThat(c.get(key(1))).isEmpty();
    assertThat(held(c)).isEqualTo(before);
    assertThat(bytes(c.get(key(0)).orElseThrow())).isEqualTo(block(0));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aDamagedEntryIsAMissOrTheRightBytesNeverWrongBytes(long seed) throws Exception {
    BlockCache c = create(1 << 20);
    c.put(key(0), block(0));
    boolean damaged = damage(c, seed);
    Optional<ByteBuffer> hit = c.get(key(0));
    if (damaged) {
      hit.ifPresent(b -> assertThat(bytes(b)).as("seed %d", seed).isEqualTo(block(0)));
      c.put(key(0), block(0));
      assertThat(c.get(key(0)).map(BlockCacheContract::bytes)).as("stored again after the damage")
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(block(0)));
    } else {
      assertThat(bytes(hit.orElseThrow())).isEqualTo(block(0));
    }
  }

  @Test
  void threadsHammeringOneCacheOnlyEverSeeTheBytesStoredUnderTheirKey() throws Exception {
    long bound = 30L * BLOCK;
    BlockCache c = create(bound);
    int threads = 6;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<FutureTask<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      tasks.add(new FutureTask<>(() -> {
        SplittableRandom r = new SplittableRandom(seed);
        int hits = 0;
        start.await();
        for (int i = 0; i < 200; i++) {
          int k = r.nextInt(60);
          Optional<ByteBuffer> hit = c.get(key(k));
          if (hit.isPresent()) {
            hits++;
            assertThat(bytes(hit.get())).as("block %d", k).isEqualTo(block(k));
          } else {
            c.put(key(k), block(k));
          }
        }
        return hits;
      }));
    }
    for (FutureTask<Integer> task : tasks) {
      Thread th = new Thread(task, "hammer");
      th.setDaemon(true);
      th.start();
    }
    int hits = 0;
    for (FutureTask<Integer> task : tasks) {
      hits += task.get();
    }
    assertThat(hits).isPositive();
    assertThat(held(c)).isLessThanOrEqualTo(bound);
  }

  @Test
  void theCacheOutlivesTheSourcesThatReadThroughIt() throws Exception {
    byte[] content = RangeSourceContract.content(10 * BLOCK, 5);
    BlockCache c = create(1 << 20);
    try (CachingRangeSource a = CachingRangeSource.wrap(RangeSources.memory("m", content), "v", c, BLOCK)) {
      assertThat(a.readFully(0, content.length)).isEqualTo(content);
      assertThat(a.cacheStats().misses()).isEqualTo(10);
    }
    try (CachingRangeSource b = CachingRangeSource.wrap(RangeSources.memory("m", content), "v", c, BLOCK)) {
      assertThat(b.readFully(1500, 5000)).isEqualTo(Arrays.copyOfRange(content, 1500, 6500));
      assertThat(b.cacheStats()).isEqualTo(new CachingRangeSource.Stats(6, 0));
    }
    assertThat(bytes(c.get(new BlockKey("m", "v", BLOCK, 9)).orElseThrow()))
        .isEqualTo(Arrays.copyOfRange(content, 9 * BLOCK, 10 * BLOCK));
  }

  @Test
  void readsThroughACachingSourceStayRightWhileTheCacheEvicts() throws Exception {
    byte[] content = RangeSourceContract.content(100 * BLOCK + 17, 6);
    BlockCache c = create(8L * BLOCK);
    SplittableRandom r = new SplittableRandom(9);
    try (CachingRangeSource s = CachingRangeSource.wrap(RangeSources.memory("m", content), "v", c, BLOCK)) {
      for (int i = 0; i < 150; i++) {
        int from = r.nextInt(content.length);
        int len = 1 + r.nextInt(Math.min(5 * BLOCK, content.length - from));
        assertThat(s.readFully(from, len)).isEqualTo(Arrays.copyOfRange(content, from, from + len));
      }
    }
    assertThat(held(c)).isLessThanOrEqualTo(8L * BLOCK);
  }
}
