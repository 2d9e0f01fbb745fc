package io.easystore.cli;

import java.io.InputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * The {@code des} command. Errors end as one line on stderr and a non-zero exit code; a stack
 * trace is printed only with {@code --debug}.
 */
public final class Main {
  /** Exit code for failures reported by a command (see {@link io.easystore.Failures}). */
  public static final int FAILED = io.easystore.Failures.FAILED;
  /** Exit code for command lines that do not parse (picocli's convention). */
  public static final int USAGE = io.easystore.Failures.USAGE;
  /** Exit code for a damaged container or archive, or one in a version this build cannot read. */
  public static final int DAMAGED = io.easystore.Failures.DAMAGED;
  /** Exit code when a key is missing, malformed or wrong. */
  public static final int KEY = io.easystore.Failures.KEY;

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
    Terminal terminal = new Terminal(in, out, err, onTerminal());
    CommandLine cl = new CommandLine(new DesCommand(terminal), io.easystore.crypto.cli.KeyOptions.factory(env));
    // Commands from other modules read stdin through the terminal, so tests can feed them.
    cl.addSubcommand("records", new io.easystore.records.cli.RecordsCommand(terminal::in));
    cl.addSubcommand("els", new io.easystore.els.cli.ElsCommand(in, out));
    cl.setOut(writer(out));
    cl.setErr(writer(err));
    // One mapping of failures to a line and an exit code for every command, des's own and those of
    // des records and des els (whose subcommands let their exceptions through to here).
    cl.setExecutionExceptionHandler((ex, cmd, parsed) ->
        io.easystore.Failures.report(ex, cmd.getCommandSpec().qualifiedName(), cmd.getErr(), terminal.debug()));
    cl.setParameterExceptionHandler((ex, argv) ->
        io.easystore.Failures.usage(ex.getMessage(), ex.getCommandLine().getCommandSpec().qualifiedName(),
            ex.getCommandLine().getErr()));
    return cl.execute(args);
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
