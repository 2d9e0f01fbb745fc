package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import io.easystore.records.Entry;
import io.easystore.records.KeyIndex;
import io.easystore.records.KeyIndexes;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "find", description = "Print the records with a key, through an index built by 'des records index'.")
final class FindCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Parameters(index = "1", paramLabel = "KEY")
  String key;

  @Option(names = "--key", paramLabel = "FIELD", description = "Use the index ARCHIVE.FIELD.rix.")
  String field;

  @Option(names = "--index", paramLabel = "PATH", description = "Use this index file.")
  Path index;

  @Option(names = "--json", description = "Print {\"bookmark\":...,\"record\":...} JSON lines.")
  boolean json;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  @Override
  int run() throws Exception {
    Path idx = index != null ? index : field != null ? IndexCommand.defaultIndex(archive, field) : onlyIndex();
    try (KeyIndex ki = KeyIndexes.open(idx); RecordReader r = read.open(archive, keys, this::warn)) {
      List<Entry<byte[]>> hits = ki.find(r, key, RecordTypes.bytes());
      Printer p = new Printer(out(), json);
      hits.forEach(p::print);
      if (hits.isEmpty()) {
        err().println("des records find: no records with " + ki.keyName() + " = " + key);
        return FAILED;
      }
    }
    return OK;
  }

  private Path onlyIndex() throws java.io.IOException {
    String prefix = archive.getFileName() + ".";
    Path dir = archive.toAbsolutePath().getParent();
    List<Path> found;
    try (var s = Files.list(dir)) {
      found = s.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".rix")).sorted().toList();
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.isEmpty()
          ? "no index for " + archive + "; build one with 'des records index " + archive + " --key FIELD'"
          : found.size() + " indexes for " + archive + "; choose one with --key FIELD or --index PATH");
    }
    return found.get(0);
  }
}
