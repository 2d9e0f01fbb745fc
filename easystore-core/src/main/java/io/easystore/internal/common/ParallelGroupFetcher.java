package io.easystore.internal.common;

import io.easystore.ReaderOptions;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the merged reads of one batch ({@link BatchPlanner.Group}s) with at most
 * {@code concurrency} reads in flight: one read per group, each group handed to a consumer as
 * soon as it arrives. Over a remote source every group is a round trip, so k groups cost about
 * {@code ceil(k / concurrency)} round trips of latency instead of k; the number of requests does
 * not change.
 *
 * <p>The calling thread works through the groups itself, and helper threads from a shared pool
 * of daemon threads join it. Because the caller never waits for a helper that has not started,
 * a busy pool slows a batch down but never stalls it. The first failure stops the remaining
 * groups and is rethrown unchanged (a typed {@link IOException} stays typed); later failures are
 * attached to it as suppressed.
 *
 * <p>{@link #forEach} offers the same bounded parallelism for other per-entry work of a batch,
 * such as index lookups whose pages are not cached yet.
 *
 * <p>Thread-safe and stateless apart from the shared pool. The consumer is called from several
 * threads at once, each time with a different group and a fresh array it may keep; everything it
 * wrote is visible to the caller when {@link #fetch} returns.
 */
public final class ParallelGroupFetcher {
  /** Receives one group's bytes; called concurrently for different groups. */
  public interface GroupConsumer {
    void accept(BatchPlanner.Group group, byte[] bytes) throws IOException;
  }

  /** One unit of work of {@link #forEach}, called concurrently for different indexes. */
  public interface Task {
    void run(int index) throws IOException;
  }

  private static final ThreadPoolExecutor POOL = pool();

  private ParallelGroupFetcher() {}

  private static ThreadPoolExecutor pool() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "easystore-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // Threads are created as helpers are needed and end after 30 s idle, so an idle process
    // keeps none; the bound caps helpers process-wide whatever the callers ask for.
    ThreadPoolExecutor p = new ThreadPoolExecutor(ReaderOptions.MAX_BATCH_CONCURRENCY,
        ReaderOptions.MAX_BATCH_CONCURRENCY, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  /** Reads every group of {@code groups} from {@code source} and passes it to {@code consumer}. */
  public static void fetch(RangeSource source, List<BatchPlanner.Group> groups, int concurrency, GroupConsumer consumer)
      throws IOException {
    forEach(source.name(), groups.size(), concurrency, i -> {
      BatchPlanner.Group g = groups.get(i);
      consumer.accept(g, read(source, g));
    });
  }

  /**
   * Runs {@code task} for every index in {@code [0, count)} with at most {@code concurrency} at
   * once, for example index lookups of a batch whose pages are not cached yet. {@code name} is the
   * container, for messages.
   */
  public static void forEach(String name, int count, int concurrency, Task task) throws IOException {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (concurrency == 1 || count <= 1) {
      for (int i = 0; i < count; i++) {
        task.run(i);
      }
      return;
    }
    Run run = new Run(name, count, task);
    int helpers = Math.min(concurrency, count) - 1;
    for (int i = 0; i < helpers; i++) {
      POOL.execute(run::helper);
    }
    run.work();
    run.finish();
  }

  private static byte[] read(RangeSource source, BatchPlanner.Group g) throws IOException {
    if (g.length() > Integer.MAX_VALUE - 8) {
      throw new IOException(source.name() + ": merged read of " + g.length() + " bytes at offset " + g.start()
          + " is too large for one array");
    }
    return source.readFully(g.start(), (int) g.length());
  }

  /** The shared state of one batch: the next index to take, the helpers running, the first failure. */
  private static final class Run {
    private final String name;
    private final int count;
    private final Task task;
    private final AtomicInteger next = new AtomicInteger();
    private int active;
    private boolean closed;
    private Throwable failure;

    Run(String name, int count, Task task) {
      this.name = name;
      this.count = count;
      this.task = task;
    }

    void helper() {
      synchronized (this) {
        if (closed) {
          return;
        }
        active++;
      }
      try {
        work();
      } finally {
        synchronized (this) {
          active--;
          notifyAll();
        }
      }
    }

    void work() {
      int i;
      while (!failed() && (i = next.getAndIncrement()) < count) {
        try {
          task.run(i);
        } catch (Throwable t) {
          fail(t);
        }
      }
    }

    private synchronized boolean failed() {
      return failure != null;
    }

    private synchronized void fail(Throwable t) {
      if (failure == null) {
        failure = t;
      } else if (failure != t) {
        failure.addSuppressed(t);
      }
    }

    /** Waits for the helpers that started, then rethrows the first failure. */
    void finish() throws IOException {
      boolean interrupted = false;
      Throwable f;
      synchronized (this) {
        closed = true;
        while (active > 0) {
          try {
            wait();
          } catch (InterruptedException e) {
            // Helpers finish the read they are in; none takes another group once this is set.
            interrupted = true;
            if (failure == null) {
              failure = new InterruptedIOException(name + ": batch read interrupted");
            }
          }
        }
        f = failure;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (f instanceof IOException e) {
        throw e;
      }
      if (f instanceof RuntimeException e) {
        throw e;
      }
      if (f instanceof Error e) {
        throw e;
      }
      if (f != null) {
        throw new IOException(name + ": batch read failed", f);
      }
    }
  }
}
