package io.easystore.io;

import io.easystore.internal.io.ReopeningChannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting one thread that reads a shared reader must not break the reader for the others: the
 * JDK closes an interrupted FileChannel for every thread.
 */
class InterruptSafetyTest {
  private static final int ENTRIES = 120;
  private static final int GOOD_THREADS = 4;
  private static final int BAD_THREADS = 3;
  private static final int READS = 400;

  @TempDir Path tmp;

  @Test
  void interruptedReaderDoesNotBreakOtherThreads() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Path c = container(bodies);
    try (DesReader r = DesReader.open(c)) {
      int failedInterrupted = hammer(r, bodies);
      // Without an interrupt there is no defect to protect against: the scenario must have happened.
      assertThat(failedInterrupted).isPositive();
      assertAllReadable(r, bodies);
    }
  }

  @Test
  void interruptedReaderOverAMappedFileDoesNotBreakOtherThreads() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Path c = container(bodies);
    try (DesReader r = DesReader.open(RangeSources.mmap(c), ReaderOptions.defaults())) {
      hammer(r, bodies);
      assertAllReadable(r, bodies);
    }
  }

  @Test
  void interruptedReaderOfAWrappedFileDoesNotBreakOtherThreads() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Path c = container(bodies);
    RangeSource wrapped = new ForwardingRangeSource(RangeSources.file(c)) {};
    try (DesReader r = DesReader.open(wrapped, ReaderOptions.defaults())) {
      assertThat(hammer(r, bodies)).isPositive();
      assertAllReadable(r, bodies);
    }
  }

  /** Every way a local container is opened through the {@link Location} seam reads through a ReopeningChannel. */
  @Test
  void sharedReaderSurvivesManyInterruptedCallers() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Path c = container(bodies);
    Location dir = Location.of(c.getParent());
    String name = c.getFileName().toString();
    java.util.Map<String, java.util.concurrent.Callable<RangeSource>> paths = new java.util.LinkedHashMap<>();
    paths.put("Location.open", () -> dir.open(name));
    paths.put("RangeSources.open(file URI)", () -> RangeSources.open(c.toUri(), LocationOptions.defaults()));
    paths.put("RangeSources.open(path string)", () -> RangeSources.open(c.toString(), LocationOptions.defaults()));
    paths.put("RangeSources.location(dir).open", () -> RangeSources.location(c.getParent().toString(),
        LocationOptions.defaults()).open(name));
    paths.put("Location.openForUpdate view", () -> {
      UpdatableFile f = dir.openForUpdate(name);
      return new ForwardingRangeSource(f.view(f.size())) {
        @Override
        public void close() throws IOException {
          f.close();
        }
      };
    });
    for (var e : paths.entrySet()) {
      try (DesReader r = DesReader.open(e.getValue().call(), ReaderOptions.defaults())) {
        assertThat(hammer(r, bodies)).as(e.getKey() + ": interrupted callers failed").isPositive();
        assertAllReadable(r, bodies);
      }
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(hammer(r, bodies)).as("DesReader.open(path)").isPositive();
      assertAllReadable(r, bodies);
    }
  }

  @Test
  void interruptedThreadDoesNotBreakAnUpdaterOrItsView() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Path c = container(bodies);
    try (DesUpdater u = DesUpdater.open(c)) {
      DesReader view = u.view();
      assertThat(hammer(view, bodies)).isPositive();
      assertAllReadable(view, bodies);
      u.put("after", new byte[] {1, 2, 3}, null, null);
      u.commit();
      assertAllReadable(u.view(), bodies);
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getFile("after")).containsExactly(1, 2, 3);
      assertAllReadable(r, bodies);
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  private Path container(List<byte[]> bodies) throws IOException {
    Path out = tmp.resolve("c.des");
    Random rnd = new Random(7);
    try (DesWriter w = DesWriter.create(out)) {
      for (int i = 0; i < ENTRIES; i++) {
        byte[] b = new byte[20_000 + rnd.nextInt(20_000)];
        rnd.nextBytes(b);
        bodies.add(b);
        w.addFile("f" + i, b);
      }
    }
    return out;
  }

  /**
   * Good threads read and check bodies while bad threads interrupt themselves before every read.
   * Returns how many interrupted reads failed; every failure must be an interrupt error that left
   * the thread's interrupt status set.
   */
  private static int hammer(DesReader r, List<byte[]> bodies) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(GOOD_THREADS + BAD_THREADS);
    AtomicInteger interruptedFailures = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < GOOD_THREADS; t++) {
        long seed = t;
        futures.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          for (int k = 0; k < READS; k++) {
            int i = rnd.nextInt(bodies.size());
            assertThat(r.getFile("f" + i)).isEqualTo(bodies.get(i));
          }
          return null;
        }));
      }
      for (int t = 0; t < BAD_THREADS; t++) {
        long seed = 100 + t;
        futures.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          for (int k = 0; k < READS / 4; k++) {
            int i = rnd.nextInt(bodies.size());
            Thread.currentThread().interrupt();
            try {
              assertThat(r.getFile("f" + i)).isEqualTo(bodies.get(i));
            } catch (InterruptedIOException e) {
              assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
              interruptedFailures.incrementAndGet();
            } finally {
              Thread.interrupted();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return interruptedFailures.get();
  }

  private static void assertAllReadable(DesReader r, List<byte[]> bodies) throws IOException {
    for (int i = 0; i < bodies.size(); i++) {
      assertThat(r.getFile("f" + i)).isEqualTo(bodies.get(i));
    }
  }
}
