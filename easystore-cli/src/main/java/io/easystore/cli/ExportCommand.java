package io.easystore.cli;

import io.easystore.DesReader;
import io.easystore.archive.ExportResult;
import io.easystore.archive.TarExporter;
import io.easystore.archive.ZipExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a container's directories and files as a tar archive, compressed by the output's"
        + " extension (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .tar.zst), or as a zip (.zip)."
        + " Modification times and permissions are kept.",
        "Another extension is refused unless --format says which archive to write. The archive appears only"
        + " when complete; an existing file is replaced only with --force."})
final class ExportCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER",
      description = "The container (DES or FilePacker): a path, s3://bucket/key or an http(s):// URL.")
  String container;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The archive to write.")
  Path output;

  @Option(names = "--format", paramLabel = "tar|zip",
      description = "The archive kind, when OUT's extension does not say (a tar is then compressed by nothing).")
  String format;

  @Option(names = "--force", description = "Replace OUT if it exists.")
  boolean force;

  @Mixin RemoteOptionsMixin remote;

  @Mixin KeyOptions keys;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean zip = zip(output.getFileName() == null ? "" : output.getFileName().toString());
    Outputs.check(output, force);
    ExportResult r;
    try (DesReader reader = open(container, remote, keys);
        Progress p = terminal().progress("export", reader.stats().bodyBytes(), "bytes")) {
      // Entries without a modification time get the container's, so extracted files do not date from 1970.
      long mtime = container.contains("://") ? System.currentTimeMillis()
          : Files.getLastModifiedTime(Path.of(container)).toMillis();
      r = zip ? ZipExporter.export(reader, output, mtime, p::step) : TarExporter.export(reader, output, mtime, p::step);
    }
    for (String s : r.skipped()) {
      terminal().err().println("des: skipped " + io.easystore.cli.PrintableText.escapeControls(s));
    }
    terminal().out().printf("exported %d files, %d directories, %s to %s (%s)%n", r.files(), r.directories(),
        humanBytes(r.bytes()), output, humanBytes(Files.size(output)));
    return 0;
  }

  /** Whether to write a zip: from --format, else from the name; a name that says neither is refused. */
  private boolean zip(String name) {
    if (format != null) {
      if (!format.equals("tar") && !format.equals("zip")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format must be tar or zip, not '" + format + "'");
      }
      String n = name.toLowerCase(Locale.ROOT);
      if (format.equals("tar") && n.endsWith(".zip")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "will not write a tar named '" + name + "'");
      }
      return format.equals("zip");
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".zip")) {
      return true;
    }
    for (String ext : new String[] {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tzst"}) {
      if (n.endsWith(ext)) {
        return false;
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell which archive to write from '" + name
        + "': name it .tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar.zst or .zip, or say --format tar|zip");
  }
}
