package io.easystore.cli;

import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.SpaceStats;
import java.nio.file.Files;
import java.nio.file.Path;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "compact", mixinStandardHelpOptions = true,
    description = {"Rewrite a DES v2 container updated in place into a minimal one: live entries only, one index,"
        + " bodies copied as stored. Readers that have it open keep reading the old file; the new one replaces"
        + " it atomically.", "Needs free disk space for a second copy of the live data."})
final class CompactCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The local container to compact.")
  Path container;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    long before = Files.size(container);
    SpaceStats after;
    try (DesUpdater u = DesUpdater.open(container, updateOptions(io.easystore.mutate.UpdateOptions.defaults(), keys));
        Progress p = terminal().progress("compact", -1, "entries")) {
      after = u.compact(p::total, p::step);
    }
    terminal().out().printf("compacted %s: %s -> %s (%d entries)%n", container, humanBytes(before),
        humanBytes(after.fileBytes()), after.liveEntries());
    return 0;
  }
}
