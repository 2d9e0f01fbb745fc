package io.easystore.bench.remote;

import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.remote.BlockCaches;
import io.easystore.remote.CachingRangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm reads through {@link CachingRangeSource} over {@link BlockCaches#memory}: every block of a
 * 16 MiB source is cached before measuring, so the figure is the cost of a cache hit and the copy
 * (64 KiB blocks, reads at random offsets, sometimes crossing a block boundary), on one thread and
 * on two sharing the cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BlockCacheReadBenchmark {
  private static final int SIZE = 16 << 20;
  private static final AtomicInteger SEEDS = new AtomicInteger();

  @Param({"4096"})
  int readSize;

  private RangeSource source;

  /** Each thread's own offsets and buffer. */
  @State(Scope.Thread)
  public static class Cursor {
    long[] offsets;
    int next;
    ByteBuffer dst;

    @Setup
    public void setup(BlockCacheReadBenchmark b) {
      SplittableRandom r = new SplittableRandom(SEEDS.incrementAndGet());
      offsets = new long[1 << 16];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = r.nextLong(SIZE - b.readSize);
      }
      dst = ByteBuffer.allocate(b.readSize);
    }
  }

  @Setup
  public void setup() throws IOException {
    byte[] content = new byte[SIZE];
    new SplittableRandom(42).nextBytes(content);
    source = CachingRangeSource.wrap(RangeSources.memory("bench", content), "v1", BlockCaches.memory(64L << 20),
        65_536);
    source.readFully(0, ByteBuffer.allocate(SIZE));
  }

  @TearDown
  public void close() throws IOException {
    source.close();
  }

  private ByteBuffer read(Cursor c) throws IOException {
    c.dst.clear();
    source.readFully(c.offsets[c.next++ & (c.offsets.length - 1)], c.dst);
    return c.dst;
  }

  @Benchmark
  @Threads(1)
  public ByteBuffer oneThread(Cursor c) throws IOException {
    return read(c);
  }

  @Benchmark
  @Threads(2)
  public ByteBuffer twoThreads(Cursor c) throws IOException {
    return read(c);
  }
}
