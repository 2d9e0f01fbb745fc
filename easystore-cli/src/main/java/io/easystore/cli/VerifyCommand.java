package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.VerifyReport;
import io.easystore.crypto.cli.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Read and check every entry; exit 3 if anything is damaged.")
final class VerifyCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container: a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    try (DesReader r = open(container, remote, keys)) {
      VerifyReport report = r.verify();
      for (String p : report.problems()) {
        terminal().out().println("problem: " + io.easystore.PrintableText.escapeControls(p));
      }
      if (!report.ok()) {
        terminal().err().println("des: " + r.name() + ": " + report.problems().size()
            + " problem(s) in " + report.entriesChecked() + " entries");
        return Main.DAMAGED;
      }
      terminal().out().printf("OK: %s: %d entries, %d body bytes checked%n",
          r.name(), report.entriesChecked(), report.bytesChecked());
    }
    return 0;
  }
}
