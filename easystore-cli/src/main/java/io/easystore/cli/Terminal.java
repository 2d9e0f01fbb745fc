package io.easystore.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command talks to, and whether a person is watching (progress bars only then).
 * Commands never use {@code System.out} directly, so tests can run them in-process.
 */
final class Terminal {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private boolean debug;
  private boolean quiet;

  Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean debug() {
    return debug;
  }

  void setDebug(boolean debug) {
    this.debug = debug;
  }

  void setQuiet(boolean quiet) {
    this.quiet = quiet;
  }

  /** A progress bar on stderr when it is a terminal and not silenced; otherwise a no-op. */
  Progress progress(String task, long total, String unit) {
    if (!interactive || quiet) {
      return Progress.NONE;
    }
    return Progress.bar(err, task, total, unit);
  }
}
