package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import io.easystore.records.Bookmark;
import io.easystore.records.Entry;
import io.easystore.records.PageInfo;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", description = "Print the last records (reads only the last pages).")
final class TailCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many records (default ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--json", description = "Print {\"bookmark\":...,\"record\":...} JSON lines.")
  boolean json;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  @Override
  int run() throws Exception {
    if (count < 0) {
      throw new IllegalArgumentException("-n must be >= 0");
    }
    try (RecordReader r = read.open(archive, keys, this::warn)) {
      List<PageInfo> pages = r.pages();
      // Walk back over page headers until the last pages hold enough records.
      int i = pages.size();
      long have = 0;
      while (i > 0 && have < count) {
        have += pages.get(--i).records();
      }
      if (i == pages.size()) {
        return OK;
      }
      ArrayDeque<Entry<byte[]>> last = new ArrayDeque<>();
      RecordCursor<byte[]> c = r.cursor(RecordTypes.bytes(), new Bookmark(pages.get(i).offset(), 0));
      while (c.next()) {
        last.addLast(c.current());
        if (last.size() > count) {
          last.removeFirst();
        }
      }
      Printer p = new Printer(out(), json);
      last.forEach(p::print);
    }
    return OK;
  }
}
