package io.easystore.bench.records;

import io.easystore.codec.CodecId;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the file sizes of the benchmark data sets as a Markdown table:
 * {@code java -cp easystore-bench/target/benchmarks.jar io.easystore.bench.records.SizeReport}.
 */
public final class SizeReport {
  private SizeReport() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("bench-size");
    System.out.println("| record size | raw JSON lines | records none | records deflate | records zstd | jsonl.gz | jsonl.zst |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int size : new int[] {100, 1024}) {
      byte[][] recs = Data.records(size, Data.RECORDS, 1);
      long raw = 0;
      for (byte[] r : recs) {
        raw += r.length + 1;
      }
      StringBuilder row = new StringBuilder("| " + size + " B | " + raw);
      for (CodecId c : new CodecId[] {CodecId.NONE, CodecId.DEFLATE, CodecId.ZSTD}) {
        Path p = dir.resolve("r-" + size + "-" + c.label());
        try (RecordWriter w = RecordArchives.create(p, WriterOptions.defaults().withCodec(c))) {
          for (byte[] r : recs) {
            w.append(r);
          }
        }
        row.append(cell(Files.size(p), raw));
        Files.delete(p);
      }
      for (String peer : new String[] {"gzip", "zstd"}) {
        Path p = dir.resolve("p-" + size + "-" + peer);
        Peers.write(peer, p, recs);
        row.append(cell(Files.size(p), raw));
        Files.delete(p);
      }
      System.out.println(row.append(" |"));
    }
    Files.delete(dir);
  }

  private static String cell(long bytes, long raw) {
    return String.format(Locale.ROOT, " | %d (%.1f%%)", bytes, 100.0 * bytes / raw);
  }
}
