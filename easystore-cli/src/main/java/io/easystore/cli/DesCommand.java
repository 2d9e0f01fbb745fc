package io.easystore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root of the {@code des} command tree. */
@Command(name = "des", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "EasyStore: many small files in one container, each readable in one I/O.",
    subcommands = {PackCommand.class, LsCommand.class, CatCommand.class, MetaCommand.class,
        InfoCommand.class, VerifyCommand.class, ExtractCommand.class, DemoCommand.class, TreeCommand.class,
        FindCommand.class, ImportCommand.class, ExportCommand.class, AddCommand.class, RmCommand.class,
        MvCommand.class, CompactCommand.class, RekeyCommand.class},
    scope = ScopeType.INHERIT)
final class DesCommand implements Runnable {
  final Terminal terminal;

  DesCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces of errors (for bug reports).")
  void setDebug(boolean debug) {
    terminal.setDebug(debug);
  }

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "No progress bars.")
  void setQuiet(boolean quiet) {
    terminal.setQuiet(quiet);
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(terminal.out());
  }
}
