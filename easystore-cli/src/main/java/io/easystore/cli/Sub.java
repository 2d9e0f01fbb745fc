package io.easystore.cli;

import io.easystore.DesReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the terminal and opening containers. */
abstract class Sub implements Callable<Integer> {
  @ParentCommand DesCommand root;

  Terminal terminal() {
    return root.terminal;
  }

  static DesReader open(Path container) throws IOException {
    return DesReader.open(container);
  }

  static String humanBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
