package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import io.easystore.records.Bookmark;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cat", description = "Print records, one per line, from the start or from a bookmark.")
final class CatCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--from", paramLabel = "BOOKMARK", description = "Start at this record (PAGE_OFFSET:INDEX, inclusive).")
  String from;

  @Option(names = "--json", description = "Print {\"bookmark\":...,\"record\":...} JSON lines.")
  boolean json;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N records.")
  long limit = Long.MAX_VALUE;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  @Override
  int run() throws Exception {
    try (RecordReader r = read.open(archive, keys, this::warn)) {
      Bookmark start = from == null ? new Bookmark(r.firstPageOffset(), 0) : Bookmark.parse(from);
      RecordCursor<byte[]> c = r.cursor(RecordTypes.bytes(), start);
      Printer p = new Printer(out(), json);
      for (long n = 0; n < limit && c.next(); n++) {
        p.print(c.current());
      }
    }
    return OK;
  }
}
