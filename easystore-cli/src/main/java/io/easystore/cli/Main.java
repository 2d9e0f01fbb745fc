package io.easystore.cli;

import java.io.InputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * The {@code des} command. Errors end as one line on stderr and a non-zero exit code (the codes
 * of {@link Failures}, the same in every command family); a stack trace is printed only with
 * {@code --debug}.
 */
public final class Main {
  /** Exit code for failures reported by a command (see {@link io.easystore.cli.Failures}). */
  public static final int FAILED = io.easystore.cli.Failures.FAILED;
  /** Exit code for command lines that do not parse (picocli's convention). */
  public static final int USAGE = io.easystore.cli.Failures.USAGE;
  /** Exit code for a damaged container, archive or store. */
  public static final int DAMAGED = io.easystore.cli.Failures.DAMAGED;
  /** Exit code when a key is missing, malformed or wrong. */
  public static final int KEY = io.easystore.cli.Failures.KEY;
  /** Exit code for a well-formed file of a format version this build does not read. */
  public static final int UNSUPPORTED = io.easystore.cli.Failures.UNSUPPORTED;

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
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      java.util.Map<String, String> env) {
    return commandLine(new Terminal(in, out, err, onTerminal()), env).execute(args);
  }

  /** The root command line with every command family and the one error pipeline installed. */
  static CommandLine commandLine(Terminal terminal, java.util.Map<String, String> env) {
    CommandLine cl = new CommandLine(new DesCommand(terminal), io.easystore.cli.keys.KeyOptions.factory(env));
    // Commands of the other families read stdin through the terminal, so tests can feed them.
    cl.addSubcommand("records", new io.easystore.cli.records.RecordsCommand(terminal::in));
    cl.addSubcommand("els", new io.easystore.cli.els.ElsCommand(terminal.in(), terminal.out()));
    cl.setOut(writer(terminal.out()));
    cl.setErr(writer(terminal.err()));
    // Last, after every subcommand is added: picocli copies the handlers down to the subcommands
    // that exist when they are set.
    return ErrorHandler.installOn(cl, terminal::debug);
  }

  // PrintWriter(OutputStream) takes a PrintStream's own charset (JDK 18+; the default one, as
  // System.out's, on 17), so picocli's help and errors are encoded as the commands' own output.
  @SuppressWarnings("DefaultCharset")
  private static java.io.PrintWriter writer(PrintStream s) {
    return new java.io.PrintWriter(s, true);
  }

  /**
   * Whether there is a terminal to draw progress on: since JDK 22 {@code System.console()} may be
   * non-null for pipes too, and only {@code Console.isTerminal()} (JDK 22+) tells.
   */
  // The null check is for JDK 17-21, where it alone decides; isTerminal() covers JDK 22+.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 there is a console only when on a terminal
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Console.isTerminal() failed", e);
    }
  }
}
