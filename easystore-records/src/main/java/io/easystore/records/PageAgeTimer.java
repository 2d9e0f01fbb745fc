package io.easystore.records;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that writes pages which reach their maximum age while no record arrives
 * (a quiet log stream would otherwise keep its records invisible, and lose them in a crash). One
 * thread serves every writer, since a tick only takes a writer's lock and writes one page.
 * Thread-safe.
 */
final class PageAgeTimer {
  private PageAgeTimer() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
        Thread th = new Thread(r, "records-page-age");
        // Never keeps a JVM alive: closing the writer (or a shutdown hook) writes what is buffered.
        th.setDaemon(true);
        return th;
      });
      // Cancelled ticks (pages written by size or flush first) must not pile up in the queue.
      t.setRemoveOnCancelPolicy(true);
      return t;
    }
  }

  /** Runs {@code tick} once after {@code delayMillis} (at least 1 ms). */
  static ScheduledFuture<?> schedule(Runnable tick, long delayMillis) {
    return Holder.TIMER.schedule(tick, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
  }
}
