package io.easystore.cli.records;

import io.easystore.cli.keys.KeyOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.records.ArchiveMetadata;
import io.easystore.records.ArchiveStats;
import io.easystore.records.CorruptPageException;
import io.easystore.records.RecordReader;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stats", description = "Summarise an archive from its header and page headers (no payloads read).")
final class StatsCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ARCHIVE")
  Path archive;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Mixin
  ReadOptionsMixin read;

  @Mixin
  KeyOptions keys;

  @Override
  int run() throws Exception {
    try (RecordReader r = read.open(archive, keys, this::warn)) {
      ArchiveMetadata m = r.metadata();
      ArchiveStats s = r.stats();
      double ratio = s.storedBytes() == 0 ? 0 : (double) s.plainBytes() / s.storedBytes();
      if (json) {
        ObjectNode n = Printer.MAPPER.createObjectNode();
        n.put("archive", r.name());
        n.put("archiveId", m.archiveId().toString());
        n.put("description", m.description());
        n.put("created", m.created().toString());
        n.put("codec", m.codec().label());
        n.put("encrypted", m.encrypted());
        if (m.encrypted()) {
          n.put("keyId", m.keyId());
        }
        n.put("host", m.host());
        n.put("application", m.application());
        n.put("contentType", m.contentType());
        n.put("fileSize", s.fileSize());
        n.put("pages", s.pages());
        n.put("records", s.records());
        n.put("storedBytes", s.storedBytes());
        n.put("plainBytes", s.plainBytes());
        n.put("compressionRatio", Math.round(ratio * 100) / 100.0);
        n.put("firstPage", s.firstPage() == null ? null : s.firstPage().toString());
        n.put("lastPage", s.lastPage() == null ? null : s.lastPage().toString());
        n.put("validEnd", s.validEnd());
        n.put("tornTailBytes", s.tornTailBytes());
        n.put("damagedRegions", s.damage().size());
        out().println(n.toString());
      } else {
        out().println("archive:     " + r.name());
        out().println("id:          " + m.archiveId());
        out().println("description: " + m.description());
        out().println("created:     " + m.created() + " on " + m.host() + " by " + m.application());
        out().println("codec:       " + m.codec().label() + (m.encrypted() ? ", AES-256-GCM key '" + m.keyId() + "'" : ""));
        out().println("content:     " + m.contentType());
        out().println("size:        " + s.fileSize() + " bytes");
        out().println("pages:       " + s.pages() + (s.firstPage() == null ? ""
            : " (" + s.firstPage() + " .. " + s.lastPage() + ")"));
        out().println("records:     " + s.records());
        out().println("stored:      " + s.storedBytes() + " bytes of " + s.plainBytes() + " ("
            + String.format(Locale.ROOT, "%.2f", ratio) + "x)");
        out().println("torn tail:   " + (s.tornTailBytes() == 0 ? "none"
            : s.tornTailBytes() + " bytes after offset " + s.validEnd() + " (run 'des records repair')"));
        out().println("damage:      " + (s.damage().isEmpty() ? "none" : s.damage().size() + " region(s)"));
        for (CorruptPageException d : s.damage()) {
          out().println("  " + oneLine(d.getMessage()));
        }
      }
    }
    return OK;
  }
}
