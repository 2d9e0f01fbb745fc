package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.archive.ExportResult;
import io.easystore.archive.TarExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.easystore.crypto.cli.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a container's directories and files as a tar archive, compressed by the output's"
        + " extension (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .tar.zst). Modification times and permissions are kept.",
        "The tar appears only when complete."})
final class ExportCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container (DES or FilePacker): a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The tar file to write.")
  Path output;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    ExportResult r;
    try (DesReader reader = open(container, remote, keys)) {
      // Entries without a modification time get the container's, so extracted files do not date from 1970.
      long mtime = container.contains("://") ? System.currentTimeMillis()
          : Files.getLastModifiedTime(Path.of(container)).toMillis();
      r = TarExporter.export(reader, output, mtime);
    }
    for (String s : r.skipped()) {
      terminal().err().println("des: skipped " + io.easystore.PrintableText.escapeControls(s));
    }
    terminal().out().printf("exported %d files, %d directories, %s to %s (%s)%n", r.files(), r.directories(),
        humanBytes(r.bytes()), output, humanBytes(Files.size(output)));
    return 0;
  }
}
