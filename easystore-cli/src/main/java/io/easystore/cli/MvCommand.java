package io.easystore.cli;

import io.easystore.mutate.DesUpdater;
import java.nio.file.Path;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mv", mixinStandardHelpOptions = true,
    description = "Rename an entry of a DES v2 container in place; a directory moves with everything below it."
        + " No body is copied.")
final class MvCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The local container to update.")
  Path container;

  @Parameters(index = "1", paramLabel = "FROM", description = "The entry to move.")
  String from;

  @Parameters(index = "2", paramLabel = "TO", description = "Its new path.")
  String to;

  @Option(names = {"-f", "--force"}, description = "Replace TO if it exists (an empty directory or a file).")
  boolean force;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    try (DesUpdater u = DesUpdater.open(container, updateOptions(io.easystore.mutate.UpdateOptions.defaults(), keys))) {
      u.rename(RmCommand.trim(from), RmCommand.trim(to), force);
      u.commit();
    }
    terminal().out().printf("moved %s to %s in %s%n", from, to, container);
    return 0;
  }
}
