package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.TornTailException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Reading options shared by the read-only subcommands. */
final class ReadOptionsMixin {
  @Option(names = "--skip-corrupt", description = "Skip damaged pages (scanning for the next intact one) instead of failing.")
  boolean skipCorrupt;

  @Option(names = "--strict", description = "Fail on an incomplete last page instead of warning.")
  boolean strict;

  @Option(names = "--max-page-size", paramLabel = "BYTES", description = "Largest page accepted (default ${DEFAULT-VALUE}).")
  int maxPageSize = ReaderOptions.DEFAULT_MAX_PAGE_SIZE;

  @Option(names = "--max-item-size", paramLabel = "BYTES", description = "Largest record accepted (default ${DEFAULT-VALUE}).")
  int maxItemSize = ReaderOptions.DEFAULT_MAX_ITEM_SIZE;

  RecordReader open(Path archive, KeyOptions keys, Consumer<String> warn) throws IOException {
    // Each with... checks that a page can hold the largest record, so the bound that comes down
    // goes first: --max-page-size 16 --max-item-size 7 needs the record bound lowered before the
    // page bound, --max-page-size 64M --max-item-size 40M the page bound raised before the record's.
    ReaderOptions d = ReaderOptions.defaults();
    ReaderOptions o = (maxPageSize < ReaderOptions.DEFAULT_MAX_PAGE_SIZE
        ? d.withMaxItemSize(maxItemSize).withMaxPageSize(maxPageSize)
        : d.withMaxPageSize(maxPageSize).withMaxItemSize(maxItemSize))
        .withKeys(keys.provider())
        .withSkipCorruptPages(skipCorrupt).withTolerateTornTail(!strict || skipCorrupt)
        .withOnSkip(e -> warn.accept(e instanceof TornTailException ? e.getMessage()
            : "skipped damage: " + e.getMessage()));
    return RecordArchives.open(archive, o);
  }
}
