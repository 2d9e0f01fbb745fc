package io.easystore.cli.records;

import io.easystore.records.RecordArchives;
import io.easystore.records.RepairResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repair", description = "Check every page and trim a torn tail left by a crashed writer.")
final class RepairCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--dry-run", description = "Report what would be trimmed without changing the file.")
  boolean dryRun;

  @Override
  int run() throws Exception {
    RepairResult r = RecordArchives.repair(archive, dryRun);
    if (r.tornBytes() == 0) {
      out().println(archive + ": intact (" + r.pages() + " pages, " + r.records() + " records)");
    } else {
      out().println(archive + ": " + (r.trimmed() ? "trimmed " : "would trim ") + r.tornBytes()
          + " bytes of torn tail at offset " + r.validEnd() + " (" + r.problem() + "); " + r.pages()
          + " pages, " + r.records() + " records intact");
    }
    return OK;
  }
}
