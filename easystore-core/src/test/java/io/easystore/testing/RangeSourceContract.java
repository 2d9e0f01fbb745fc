package io.easystore.testing;

import io.easystore.io.RangeSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link RangeSource} must do, whatever carries its bytes. Extend it, implement
 * {@link #open(byte[])}, and the implementation is checked; other modules reach it through the
 * core's test jar.
 *
 * <p>The default content is 200,003 bytes: several 64 KiB cache blocks, a partial last block and
 * more than a 64 KiB prefetched tail, so block, tail and request boundaries are all crossed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RangeSourceContract {
  private final List<RangeSource> opened = new ArrayList<>();

  /** A new source whose bytes are exactly {@code content}. The contract closes it. */
  protected abstract RangeSource open(byte[] content) throws Exception;

  /** The length of the main test content. */
  protected int contentSize() {
    return 200_003;
  }

  /** Deterministic bytes for a seed. */
  public static byte[] content(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private RangeSource source(byte[] content) throws Exception {
    RangeSource s = open(content);
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeSources() throws IOException {
    for (RangeSource s : opened) {
      s.close();
    }
    opened.clear();
  }

  private static byte[] read(RangeSource s, long pos, int len) throws IOException {
    return s.readFully(pos, len);
  }

  private static byte[] slice(byte[] b, long from, int len) {
    return Arrays.copyOfRange(b, (int) from, (int) from + len);
  }

  @Test
  void sizeIsTheContentLength() throws Exception {
    byte[] c = content(contentSize(), 1);
    RangeSource s = source(c);
    assertThat(s.size()).isEqualTo(c.length);
    assertThat(s.name()).isNotBlank();
  }

  @Test
  void readsAtStartMiddleAndEndReturnTheRightBytes() throws Exception {
    byte[] c = content(contentSize(), 2);
    RangeSource s = source(c);
    int n = c.length;
    assertThat(read(s, 0, 100)).isEqualTo(slice(c, 0, 100));
    assertThat(read(s, n / 2, 1000)).isEqualTo(slice(c, n / 2, 1000));
    assertThat(read(s, n - 64, 64)).isEqualTo(slice(c, n - 64, 64));
    assertThat(read(s, n - 1, 1)).isEqualTo(slice(c, n - 1, 1));
    assertThat(read(s, 0, n)).isEqualTo(c);
  }

  @Test
  void readsAcrossBlockAndTailBoundariesReturnTheRightBytes() throws Exception {
    byte[] c = content(contentSize(), 3);
    RangeSource s = source(c);
    int n = c.length;
    long[] edges = {65_536, 131_072, n - 65_536L, n - 4096L};
    for (long e : edges) {
      if (e > 100 && e + 100 <= n) {
        assertThat(read(s, e - 100, 200)).as("around %d", e).isEqualTo(slice(c, e - 100, 200));
      }
    }
  }

  @Test
  void seededRandomReadsMatchTheContent() throws Exception {
    byte[] c = content(contentSize(), 4);
    RangeSource s = source(c);
    SplittableRandom r = new SplittableRandom(44);
    for (int i = 0; i < 60; i++) {
      int pos = r.nextInt(c.length);
      int len = 1 + r.nextInt(Math.min(c.length - pos, 70_000));
      assertThat(read(s, pos, len)).as("seed 44, read %d: %d+%d", i, pos, len).isEqualTo(slice(c, pos, len));
    }
  }

  @Test
  void aReadThatCrossesTheEndIsShortAndThenReportsTheEnd() throws Exception {
    byte[] c = content(contentSize(), 5);
    RangeSource s = source(c);
    long pos = c.length - 10;
    ByteBuffer dst = ByteBuffer.allocate(100);
    long p = pos;
    int n;
    while ((n = s.read(p, dst)) > 0) {
      p += n;
    }
    assertThat(n).isEqualTo(-1);
    assertThat(dst.position()).isEqualTo(10);
    assertThat(Arrays.copyOf(dst.array(), 10)).isEqualTo(slice(c, pos, 10));
  }

  @Test
  void aPositionAtOrPastTheSizeGivesMinusOne() throws Exception {
    byte[] c = content(contentSize(), 6);
    RangeSource s = source(c);
    assertThat(s.read(c.length, ByteBuffer.allocate(10))).isEqualTo(-1);
    assertThat(s.read(c.length + 12_345L, ByteBuffer.allocate(10))).isEqualTo(-1);
    assertThat(s.read(Long.MAX_VALUE, ByteBuffer.allocate(10))).isEqualTo(-1);
    assertThat(s.read(c.length, ByteBuffer.allocate(0))).isEqualTo(-1);
  }

  @Test
  void zeroLengthReadsReturnZero() throws Exception {
    byte[] c = content(contentSize(), 7);
    RangeSource s = source(c);
    assertThat(s.read(0, ByteBuffer.allocate(0))).isZero();
    assertThat(s.read(c.length / 2, ByteBuffer.allocate(0))).isZero();
    assertThat(s.read(c.length - 1, ByteBuffer.allocate(0))).isZero();
    s.readFully(c.length, ByteBuffer.allocate(0));
  }

  @Test
  void negativePositionsAreRejected() throws Exception {
    RangeSource s = source(content(contentSize(), 8));
    assertThatThrownBy(() -> s.read(-1, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.readFully(-1, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsFillOnlyBetweenTheBuffersPositionAndLimit() throws Exception {
    byte[] c = content(contentSize(), 9);
    RangeSource s = source(c);
    ByteBuffer dst = ByteBuffer.allocate(64);
    Arrays.fill(dst.array(), (byte) 0x5A);
    dst.position(8).limit(40);
    s.readFully(1000, dst);
    assertThat(dst.position()).isEqualTo(40);
    byte[] a = dst.array();
    assertThat(Arrays.copyOfRange(a, 8, 40)).isEqualTo(slice(c, 1000, 32));
    for (int i : new int[] {0, 7, 40, 63}) {
      assertThat(a[i]).isEqualTo((byte) 0x5A);
    }
  }

  @Test
  void directBuffersWork() throws Exception {
    byte[] c = content(contentSize(), 10);
    RangeSource s = source(c);
    ByteBuffer dst = ByteBuffer.allocateDirect(5000);
    s.readFully(c.length - 7000, dst);
    byte[] got = new byte[5000];
    dst.flip().get(got);
    assertThat(got).isEqualTo(slice(c, c.length - 7000, 5000));
  }

  @Test
  void readFullyLoopsOverShortReads() throws Exception {
    byte[] c = content(contentSize(), 11);
    RangeSource real = source(c);
    // A view that hands out at most 777 bytes per call, as a slow network might.
    RangeSource stingy = new RangeSource() {
      @Override
      public String name() {
        return real.name();
      }

      @Override
      public long size() throws IOException {
        return real.size();
      }

      @Override
      public int read(long position, ByteBuffer dst) throws IOException {
        ByteBuffer part = dst.slice();
        part.limit(Math.min(part.limit(), 777));
        int n = real.read(position, part);
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }

      @Override
      public void close() {}
    };
    assertThat(stingy.readFully(12_345, 20_000)).isEqualTo(slice(c, 12_345, 20_000));
    assertThat(real.readFully(1, c.length - 1)).isEqualTo(slice(c, 1, c.length - 1));
  }

  @Test
  void readFullyPastTheEndThrowsEofException() throws Exception {
    byte[] c = content(contentSize(), 12);
    RangeSource s = source(c);
    assertThatThrownBy(() -> s.readFully(c.length - 5, 10)).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> s.readFully(c.length + 1L, 1)).isInstanceOf(EOFException.class);
  }

  @Test
  void concurrentReadsFromManyThreadsGetTheRightBytes() throws Exception {
    byte[] c = content(contentSize(), 13);
    RangeSource s = source(c);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = 1300 + t;
        Callable<Integer> task = () -> {
          SplittableRandom r = new SplittableRandom(seed);
          for (int i = 0; i < 25; i++) {
            int pos = r.nextInt(c.length);
            int len = 1 + r.nextInt(Math.min(c.length - pos, 20_000));
            byte[] got = s.readFully(pos, len);
            if (!Arrays.equals(got, slice(c, pos, len))) {
              throw new AssertionError("seed " + seed + ": wrong bytes at " + pos + "+" + len);
            }
          }
          return 25;
        };
        results.add(pool.submit(task));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(100, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptySourceHasSizeZeroAndNoBytes() throws Exception {
    RangeSource s = source(new byte[0]);
    assertThat(s.size()).isZero();
    assertThat(s.read(0, ByteBuffer.allocate(10))).isEqualTo(-1);
    assertThatThrownBy(() -> s.readFully(0, 1)).isInstanceOf(EOFException.class);
  }

  @Test
  void aSourceSmallerThanABlockAndATailReadsWhole() throws Exception {
    byte[] c = content(1000, 14);
    RangeSource s = source(c);
    assertThat(s.size()).isEqualTo(1000);
    assertThat(s.readFully(0, 1000)).isEqualTo(c);
    assertThat(s.readFully(990, 10)).isEqualTo(slice(c, 990, 10));
  }
}
