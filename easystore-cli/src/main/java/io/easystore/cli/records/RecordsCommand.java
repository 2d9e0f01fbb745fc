package io.easystore.records.cli;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code des records}: append to, read, index, search and repair record archives.
 *
 * <p>Exit codes: 0 success; 1 failure (I/O, bad value, nothing found, a record format version
 * this build does not read, as for {@code des}); 2 usage error; 3 damaged archive; 4 key missing
 * or wrong. Errors are one line on stderr, never a stack
 * trace.
 */
@Command(name = "records", mixinStandardHelpOptions = true,
    description = "Paged append-only record archives: append, cat, tail, stats, index, find, repair, rekey.",
    subcommands = {AppendCommand.class, CatCommand.class, TailCommand.class, StatsCommand.class,
        IndexCommand.class, FindCommand.class, RepairCommand.class, RekeyCommand.class})
public final class RecordsCommand implements Runnable {
  private final Supplier<InputStream> stdin;

  @Spec
  CommandSpec spec;

  /** Reads {@code append}'s records from {@link System#in} (looked up when the command runs). */
  public RecordsCommand() {
    this(() -> System.in);
  }

  /** Reads {@code append}'s records from the given stream (for tests and embedding). */
  public RecordsCommand(Supplier<InputStream> stdin) {
    this.stdin = Objects.requireNonNull(stdin, "stdin");
  }

  /**
   * Installs on {@code cl} (a command line for this command, run on its own) the failure handling
   * that {@code des} uses: one line on stderr and the exit codes of {@link io.easystore.Failures}.
   */
  public static CommandLine withErrorHandling(CommandLine cl) {
    cl.setExecutionExceptionHandler((ex, cmd, parsed) ->
        io.easystore.Failures.report(ex, cmd.getCommandSpec().qualifiedName(), cmd.getErr(), false));
    cl.setParameterExceptionHandler((ex, argv) -> io.easystore.Failures.usage(ex.getMessage(),
        ex.getCommandLine().getCommandSpec().qualifiedName(), ex.getCommandLine().getErr()));
    return cl;
  }

  InputStream stdin() {
    return stdin.get();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
