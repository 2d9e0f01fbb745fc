package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single-flight loading in {@link CachingRangeSource}: threads that miss the same block at once
 * cost one fetch, share its failure, and do not cache it. No timings: the delegate holds the first
 * fetch until every other reader is parked waiting for it (or has reached the delegate itself,
 * which is what these tests catch).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CachingRangeSourceSingleFlightTest {
  static final byte[] CONTENT = RangeSourceContract.content(20_000, 11);
  static final int BLOCK = 4096;

  /** A failure of the transport, typed, as a real one would be. */
  static final class InjectedFetchFailure extends IOException {
    InjectedFetchFailure() {
      super("injected fetch failure");
    }
  }

  /** An in-memory source that counts reads and can hold the next one at a gate. */
  static final class GatedSource implements RangeSource {
    private final RangeSource inner = RangeSources.memory("gated", CONTENT);
    final AtomicInteger reads = new AtomicInteger();
    final CountDownLatch held = new CountDownLatch(1);
    final List<Thread> waiters = new ArrayList<>();
    /** What the held read does once released: null reads normally. */
    final AtomicReference<Callable<IOException>> outcome = new AtomicReference<>();
    private volatile boolean armed;

    void arm(Callable<IOException> heldOutcome) {
      outcome.set(heldOutcome);
      armed = true;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      int n = reads.incrementAndGet();
      if (armed) {
        armed = false;
        held.countDown();
        holdUntilTheWaitersPark(n);
        Callable<IOException> o = outcome.get();
        if (o != null) {
          try {
            throw o.call();
          } catch (IOException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }
      }
      return inner.read(position, dst);
    }

    /** Returns once every waiter is parked, or as soon as a second read reaches this source. */
    private void holdUntilTheWaitersPark(int self) {
      while (reads.get() == self) {
        boolean allParked;
        synchronized (waiters) {
          allParked = !waiters.isEmpty() && waiters.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
        }
        if (allParked) {
          return;
        }
        Thread.onSpinWait();
      }
    }

    @Override
    public void close() {}
  }

  private static FutureTask<byte[]> reader(CachingRangeSource s, long position, int length) {
    return new FutureTask<>(() -> s.readFully(position, length));
  }

  /** Starts {@code first}, waits until its fetch is held, then starts the others as waiters. */
  private static void race(GatedSource src, FutureTask<?> first, List<FutureTask<?>> others) throws Exception {
    Thread t = new Thread(first, "first reader");
    t.setDaemon(true);
    t.start();
    src.held.await();
    List<Thread> threads = new ArrayList<>();
    for (FutureTask<?> o : others) {
      Thread w = new Thread(o, "waiting reader");
      w.setDaemon(true);
      threads.add(w);
    }
    synchronized (src.waiters) {
      src.waiters.addAll(threads);
    }
    threads.forEach(Thread::start);
  }

  private static byte[] slice(long from, int len) {
    return Arrays.copyOfRange(CONTENT, (int) from, (int) from + len);
  }

  private static Throwable failureOf(FutureTask<?> task) throws InterruptedException {
    try {
      task.get();
      throw new AssertionError("the read succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void concurrentMissesOfOneBlockFetchItOnce() throws Exception {
    GatedSource src = new GatedSource();
    CachingRangeSource s = CachingRangeSource.wrap(src, "v", BlockCaches.memory(1 << 20), BLOCK);
    assertThat(s.readFully(3 * BLOCK, 10)).isEqualTo(slice(3 * BLOCK, 10)); // loads the classes on the path
    src.arm(null);
    FutureTask<byte[]> first = reader(s, 100, 10);
    List<FutureTask<?>> others = List.of(reader(s, 200, 50), reader(s, 0, BLOCK), reader(s, BLOCK - 5, 10));
    race(src, first, others);
    assertThat(first.get()).isEqualTo(slice(100, 10));
    assertThat(others.get(0).get()).isEqualTo(slice(200, 50));
    assertThat(others.get(1).get()).isEqualTo(slice(0, BLOCK));
    assertThat(others.get(2).get()).isEqualTo(slice(BLOCK - 5, 10));
    // The warm-up, block 0 once, and block 1 for the read that crosses into it.
    assertThat(src.reads.get()).isEqualTo(3);
    assertThat(s.cacheStats()).isEqualTo(new CachingRangeSource.Stats(3, 3));
  }

  @Test
  void failedLoadIsNotCachedAndEveryWaiterSeesTheTypedError() throws Exception {
    GatedSource src = new GatedSource();
    BlockCache cache = BlockCaches.memory(1 << 20);
    CachingRangeSource s = CachingRangeSource.wrap(src, "v", cache, BLOCK);
    assertThat(s.readFully(3 * BLOCK, 10)).isEqualTo(slice(3 * BLOCK, 10));
    InjectedFetchFailure injected = new InjectedFetchFailure();
    src.arm(() -> injected);
    FutureTask<byte[]> first = reader(s, 100, 10);
    List<FutureTask<?>> others = List.of(reader(s, 200, 10), reader(s, 300, 10), reader(s, 400, 10));
    race(src, first, others);
    assertThat(failureOf(first)).isSameAs(injected);
    for (FutureTask<?> o : others) {
      assertThat(failureOf(o)).as("a waiter's failure").isSameAs(injected);
    }
    assertThat(src.reads.get()).isEqualTo(2);
    assertThat(cache.get(new BlockKey("gated", "v", BLOCK, 0))).isEmpty();
    assertThat(s.readFully(100, 10)).as("the next read fetches again").isEqualTo(slice(100, 10));
    assertThat(src.reads.get()).isEqualTo(3);
  }

  @Test
  void aFetchAbandonedByAnInterruptedThreadIsTakenOverByAWaiter() throws Exception {
    GatedSource src = new GatedSource();
    CachingRangeSource s = CachingRangeSource.wrap(src, "v", BlockCaches.memory(1 << 20), BLOCK);
    assertThat(s.readFully(3 * BLOCK, 10)).isEqualTo(slice(3 * BLOCK, 10));
    src.arm(() -> {
      Thread.currentThread().interrupt(); // as HttpClient leaves it when interrupted mid-request
      return new InterruptedIOException("interrupted");
    });
    FutureTask<byte[]> first = reader(s, 100, 10);
    FutureTask<byte[]> waiter = reader(s, 200, 10);
    race(src, first, List.of(waiter));
    assertThat(failureOf(first)).isInstanceOf(InterruptedIOException.class);
    assertThat(waiter.get()).as("the waiter was not interrupted").isEqualTo(slice(200, 10));
    assertThat(src.reads.get()).isEqualTo(3);
  }

  @Test
  void hammeringThreadsFetchEveryBlockExactlyOnce() throws Exception {
    GatedSource src = new GatedSource();
    CachingRangeSource s = CachingRangeSource.wrap(src, "v", BlockCaches.memory(1 << 20), 512);
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<FutureTask<BitSet>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      tasks.add(new FutureTask<>(() -> {
        SplittableRandom r = new SplittableRandom(seed);
        BitSet touched = new BitSet();
        start.await();
        for (int i = 0; i < 300; i++) {
          int from = r.nextInt(CONTENT.length);
          int len = 1 + r.nextInt(Math.min(3000, CONTENT.length - from));
          assertThat(s.readFully(from, len)).isEqualTo(slice(from, len));
          touched.set(from / 512, (from + len - 1) / 512 + 1);
        }
        return touched;
      }));
    }
    for (FutureTask<BitSet> task : tasks) {
      Thread th = new Thread(task, "hammer");
      th.setDaemon(true);
      th.start();
    }
    BitSet all = new BitSet();
    for (FutureTask<BitSet> task : tasks) {
      all.or(task.get());
    }
    // The cache never evicts here, so a second fetch of any block could only be a lost race.
    assertThat(s.cacheStats().misses()).isEqualTo(all.cardinality());
  }

  @Test
  void aRuntimeFailureOfTheFetchReachesEveryWaiterAsItWas() throws Exception {
    GatedSource src = new GatedSource();
    CachingRangeSource s = CachingRangeSource.wrap(src, "v", BlockCaches.memory(1 << 20), BLOCK);
    assertThat(s.readFully(3 * BLOCK, 10)).isEqualTo(slice(3 * BLOCK, 10));
    IllegalStateException bug = new IllegalStateException("a bug in a transport");
    src.arm(() -> {
      throw bug;
    });
    FutureTask<byte[]> first = reader(s, 100, 10);
    FutureTask<byte[]> waiter = reader(s, 200, 10);
    race(src, first, List.of(waiter));
    assertThat(failureOf(first)).isSameAs(bug);
    assertThat(failureOf(waiter)).isSameAs(bug);
    assertThat(s.readFully(100, 10)).isEqualTo(slice(100, 10));
  }
}
