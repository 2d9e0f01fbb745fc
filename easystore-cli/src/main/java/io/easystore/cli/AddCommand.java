package io.easystore.cli;

import io.easystore.EntryAttributes;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.UpdateOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import io.easystore.cli.keys.KeyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Add or replace files in a DES v2 container, in place: only the new bodies and a small index"
        + " delta are written, and the change is published atomically.",
        "A directory is added with everything below it, under its own name."})
final class AddCommand extends Sub {
  @Parameters(index = "0", paramLabel = "CONTAINER", description = "The local container to update.")
  Path container;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Local files or directories.")
  List<Path> files;

  @Option(names = "--as", paramLabel = "PATH",
      description = "The entry path for a single FILE (default: its name); for a directory, the path it goes under.")
  String as;

  @Option(names = "--create", description = "Create the container if it does not exist.")
  boolean create;

  @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "zstd",
      description = "Compression of the new bodies: none, deflate or zstd (default). A body that does not shrink is"
          + " stored raw.")
  String codec;

  @Mixin KeyOptions keys;

  @Override
  public Integer call() throws Exception {
    if (as != null && files.size() != 1) {
      throw new IllegalArgumentException("--as names one entry: give exactly one FILE");
    }
    CodecId c = CodecId.fromLabel(codec);
    if (c == CodecId.ZSTD_DICTIONARY) {
      throw new IllegalArgumentException("--codec zstd-dict is only available when packing; use zstd");
    }
    UpdateOptions o = UpdateOptions.defaults().withCreate(create)
        .withWriterOptions(WriterOptions.defaults().withCodec(c));
    long count = 0;
    long bytes = 0;
    try (DesUpdater u = DesUpdater.open(container, updateOptions(o, keys))) {
      for (Path f : files) {
        String target = as != null ? as : f.toAbsolutePath().normalize().getFileName().toString();
        if (Files.isDirectory(f)) {
          List<Path> all = new ArrayList<>();
          try (Stream<Path> walk = Files.walk(f)) {
            walk.filter(Files::isRegularFile).sorted().forEach(all::add);
          }
          for (Path p : all) {
            String rel = f.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            bytes += put(u, target + "/" + rel, p);
            count++;
          }
        } else {
          bytes += put(u, target, f);
          count++;
        }
      }
      u.commit();
    }
    terminal().out().printf("added %d file%s (%s) to %s%n", count, count == 1 ? "" : "s", humanBytes(bytes), container);
    return 0;
  }

  private static long put(DesUpdater u, String entry, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      u.put(entry, in, null, EntryAttributes.of(file));
    }
    return Files.size(file);
  }
}
