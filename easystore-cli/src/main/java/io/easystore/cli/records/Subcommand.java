package io.easystore.cli.records;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code des records} subcommand shares: its streams, warnings and exit codes. */
abstract class Subcommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = io.easystore.cli.Failures.FAILED;

  @Spec
  CommandSpec spec;

  @ParentCommand
  RecordsCommand parent;

  abstract int run() throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void warn(String message) {
    err().println("des records " + spec.name() + ": warning: " + oneLine(message));
    err().flush();
  }

  /**
   * Runs the command. Failures are not handled here: they reach des's one execution exception
   * handler, so that every command maps the same failure to the same line and exit code
   * ({@link io.easystore.cli.Failures}).
   */
  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } finally {
      out().flush();
    }
  }

  static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
  }
}
