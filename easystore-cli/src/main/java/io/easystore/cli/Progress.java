package io.easystore.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work; a no-op when nobody watches. The bar's methods may be called from any
 * thread (a background count sets the {@link #total}); the no-op ignores everything.
 */
interface Progress extends AutoCloseable {
  Progress NONE = new Progress() {
    @Override
    public void step(long n) {}

    @Override
    public void close() {}
  };

  void step(long n);

  /** A short text shown after the bar, such as the bytes done so far. */
  default void extra(String text) {}

  /** Sets the total once it is known (or better estimated); a count past it raises it. */
  default void total(long n) {}

  @Override
  void close();

  /** A bar of {@code total} units; a negative total is unknown (the bar shows the count and the rate). */
  static Progress bar(PrintStream err, String task, long total, String unit) {
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .showSpeed();
    if ("bytes".equals(unit)) {
      b.setUnit("MiB", 1 << 20);
    } else if (unit != null) {
      b.setUnit(" " + unit, 1);
    }
    ProgressBar bar = b.build();
    return new Progress() {
      // The bar reports 0, not a negative number, as the max of an unknown total.
      private volatile boolean known = total >= 0;

      @Override
      public void step(long n) {
        bar.stepBy(n);
        if (known && bar.getCurrent() > bar.getMax()) {
          // An estimated total was low: never show more than 100%.
          bar.maxHint(bar.getCurrent());
        }
      }

      @Override
      public void extra(String text) {
        bar.setExtraMessage(" " + text);
      }

      @Override
      public synchronized void total(long n) {
        bar.maxHint(Math.max(n, bar.getCurrent()));
        known = true;
      }

      @Override
      public void close() {
        if (!known) {
          bar.maxHint(bar.getCurrent());
        }
        bar.close();
      }
    };
  }
}
