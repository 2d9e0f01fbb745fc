package io.easystore.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Pack the files of a directory into a container (DES v1: a flat directory).")
final class PackCommand extends Sub {
  @Parameters(index = "0", paramLabel = "DIR", description = "The directory to pack.")
  Path dir;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The container to write.")
  Path output;

  @Option(names = "--meta-from-mime", description = "Record each file's MIME type as metadata {\"mime\": ...}.")
  boolean metaFromMime;

  @Override
  public Integer call() throws Exception {
    List<Path> files = FlatPacker.files(dir);
    FlatPacker.Result result;
    try (Progress p = terminal().progress("pack", FlatPacker.totalSize(files), "bytes")) {
      result = FlatPacker.pack(files, output, metaFromMime, p);
    }
    terminal().out().printf("packed %d files, %d bytes into %s%n", result.files(), result.bytes(), output);
    return 0;
  }
}
