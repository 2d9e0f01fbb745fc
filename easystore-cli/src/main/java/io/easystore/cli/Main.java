package io.easystore.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The {@code des} command. Errors end as one line on stderr and a non-zero exit code; a stack
 * trace is printed only with {@code --debug}.
 */
public final class Main {
  /** Exit code for failures reported by a command. */
  public static final int FAILED = 1;
  /** Exit code for command lines that do not parse (picocli's convention). */
  public static final int USAGE = 2;
  /** Exit code when a key is missing, malformed or wrong (as for {@code des records}). */
  public static final int KEY = 4;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs one command line against the given streams; returns the exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, System.getenv());
  }

  /**
   * As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with the key options
   * ({@code --key-env}, {@code EASYSTORE_KEY_<ID>}, the keystore password) reading {@code env}
   * instead of the process environment.
   */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, java.util.Map<String, String> env) {
    Terminal terminal = new Terminal(in, out, err, System.console() != null);
    CommandLine cl = new CommandLine(new DesCommand(terminal), io.easystore.crypto.cli.KeyOptions.factory(env));
    // Commands from other modules read stdin through the terminal, so tests can feed them.
    cl.addSubcommand("records", new io.easystore.records.cli.RecordsCommand(terminal::in));
    cl.addSubcommand("els", new io.easystore.els.cli.ElsCommand(in, out));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      err.println("des: " + describe(ex));
      if (terminal.debug()) {
        ex.printStackTrace(err);
      }
      return ex instanceof io.easystore.crypto.KeyUnavailableException ? KEY : FAILED;
    });
    return cl.execute(args);
  }

  /** One line that says what went wrong, without the exception's class noise where it adds nothing. */
  static String describe(Throwable t) {
    if (t instanceof NoSuchFileException e) {
      return "no such file or entry: " + e.getFile() + (e.getReason() != null ? " (" + e.getReason() + ")" : "");
    }
    if (t instanceof FileAlreadyExistsException e) {
      return "already exists: " + e.getFile() + (e.getReason() != null ? " (" + e.getReason() + ")" : "");
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return message.replace('\n', ' ');
  }
}
