package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.VerifyListener;
import io.easystore.VerifyReport;
import io.easystore.cli.keys.KeyOptions;
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
      VerifyReport report;
      // The bar closes before the report prints, so the two never share a line.
      try (Progress p = terminal().progress("verify", -1, "entries")) {
        report = r.verify(listener(p));
      }
      for (String p : report.problems()) {
        terminal().out().println("problem: " + io.easystore.cli.PrintableText.escapeControls(p));
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

  /** Turns the pass's running count into the bar's steps. */
  private static VerifyListener listener(Progress p) {
    return new VerifyListener() {
      private long shown;

      @Override
      public void total(long entries) {
        p.total(entries);
      }

      @Override
      public void checked(long entries) {
        p.step(entries - shown);
        shown = entries;
      }
    };
  }
}
