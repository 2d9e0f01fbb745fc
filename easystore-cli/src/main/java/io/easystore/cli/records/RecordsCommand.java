package io.easystore.cli.records;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code des records}: append to, read, index, search and repair record archives.
 *
 * <p>Exit codes are des's ({@link io.easystore.cli.Failures}): 0 success; 1 failure (I/O, bad
 * value, nothing found, a limit reached); 2 usage error; 3 damaged archive; 4 key missing or
 * wrong; 5 a record format version this build does not read. Errors are one line on stderr,
 * never a stack trace; they are reported by des's one error pipeline, not here.
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

  InputStream stdin() {
    return stdin.get();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
