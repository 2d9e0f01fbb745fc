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

  @Override
  void close();

  static Progress bar(PrintStream err, String task, long total, String unit) {
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .showSpeed();
    if ("bytes".equals(unit)) {
      b.setUnit("MiB", 1 << 20);
    }
    ProgressBar bar = b.build();
    return new Progress() {
      @Override
      public void step(long n) {
        bar.stepBy(n);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
