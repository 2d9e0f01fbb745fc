package io.easystore.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of long work; a no-op when nobody watches. Not thread-safe unless stated by the bar. */
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
      @Override
      public void step(long n) {
        bar.stepBy(n);
      }

      @Override
      public void extra(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
