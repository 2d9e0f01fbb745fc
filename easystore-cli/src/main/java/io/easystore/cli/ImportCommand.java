package io.easystore.cli;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.archive.ImportOptions;
import io.easystore.archive.ImportResult;
import io.easystore.archive.Importers;
import java.nio.file.Files;
import java.nio.file.Path;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Turn what you already have into a container: a FilePacker .fpack, a tar (plain, .gz, .bz2, .xz,"
        + " .zst), a zip, or a DES container (to convert v1 to v2). The kind is read from the file's first bytes.",
        "Entries that could land outside a directory when extracted (absolute paths, '..', backslashes), links,"
        + " devices and duplicates are skipped with a message (--strict fails instead); the --max-* bounds stop"
        + " decompression bombs. Nothing is written unless the import succeeds."})
final class ImportCommand extends Sub {
  @Parameters(index = "0", paramLabel = "SRC", description = "The archive or pack to import.")
  Path source;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "The container to write: a path or s3://bucket/key.")
  String output;

  @Option(names = "--force", description = "Replace OUT if it exists.")
  boolean force;

  @Option(names = "--strict", description = "Fail on the first entry that cannot be imported safely.")
  boolean strict;

  @Option(names = "--max-entries", paramLabel = "N", description = "Most archive entries (default ${DEFAULT-VALUE}).",
      defaultValue = "50000000")
  long maxEntries;

  @Option(names = "--max-bytes", paramLabel = "N", description = "Most bytes written in all (default ${DEFAULT-VALUE}).",
      defaultValue = "1099511627776")
  long maxBytes;

  @Option(names = "--max-ratio", paramLabel = "R",
      description = "Most bytes written per byte of archive once past 64 MiB (default ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  long maxRatio;

  @Mixin WriterOptionsMixin layout;

  @Mixin KeyOptions keys;

  @Mixin ContainerEncryptOptions encryption;

  @Mixin RemoteOptionsMixin remote;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ImportOptions options;
    WriterOptions writerOptions;
    try {
      options = new ImportOptions(maxEntries, maxBytes, maxRatio, strict, keys.provider());
      writerOptions = layout.toWriterOptions();
      // The key options also open an encrypted DES container being imported (decrypting it).
      writerOptions = encryption.apply(writerOptions, keys,
          io.easystore.cli.FileKind.of(source) == io.easystore.cli.FileKind.DES_CONTAINER);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Outputs.check(output, force);
    ImportResult r;
    try (Progress p = terminal().progress("import", Files.size(source), "bytes")) {
      DesWriter w = ContainerOutput.create(output, writerOptions, remote);
      long[] shown = {0};
      try {
        r = Importers.importFile(source, w, options, position -> {
          p.step(position - shown[0]);
          shown[0] = position;
        });
      } catch (Exception | Error e) {
        ContainerOutput.abort(w, e);
        throw e;
      }
      w.close();
    }
    for (String s : r.skipped()) {
      terminal().err().println("des: skipped " + io.easystore.cli.PrintableText.escapeControls(s));
    }
    for (String s : r.notes()) {
      terminal().err().println("des: note: " + s);
    }
    long size = ContainerOutput.size(output);
    terminal().out().printf("imported %d files, %d directories, %s from %s (%s) into %s%s%n", r.files(),
        r.directories(), humanBytes(r.bytes()), source, r.format(), output, size < 0 ? "" : " (" + humanBytes(size) + ")");
    if (!r.skipped().isEmpty()) {
      terminal().out().printf("skipped %d entries (listed on stderr)%n", r.skipped().size());
    }
    return 0;
  }
}
