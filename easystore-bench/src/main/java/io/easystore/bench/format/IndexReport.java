package io.easystore.bench.format;

import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Index bytes per entry on disk, and what a cold point lookup reads: requests and index bytes
 * (page reads, beyond the tail fetched at open), counted by wrapping the file in a counting
 * source with the page cache off.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.easystore.bench.format.IndexReport 10000 1000000 10000000}
 */
public final class IndexReport {
  private IndexReport() {}

  /** Counts requests and bytes. */
  static final class Counting implements RangeSource {
    final RangeSource d;
    long reads;
    long bytes;

    Counting(RangeSource d) {
      this.d = d;
    }

    @Override
    public String name() {
      return d.name();
    }

    @Override
    public long size() throws IOException {
      return d.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      reads++;
      int n = d.read(position, dst);
      bytes += Math.max(0, n);
      return n;
    }

    @Override
    public void close() throws IOException {
      d.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {10_000, 1_000_000} : Arrays.stream(args).mapToInt(Integer::parseInt)
        .toArray();
    System.out.println("| entries | page size | levels | index bytes/entry (pages+root) | avg path bytes | "
        + "tail read at open | reads per cold lookup incl. tail | index bytes read per cold lookup (beyond tail) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int n : sizes) {
      java.nio.file.Path p = Datasets.des(n, 16);
      Counting c = new Counting(RangeSources.file(p));
      try (DesReader r = DesReader.open(c, ReaderOptions.defaults().withPageCacheBytes(0));
          DesReader plain = DesReader.open(p)) {
        long tail = c.bytes;
        ContainerStats s = r.stats();
        long entries = s.entries() + s.directories();
        long indexBytes = s.fileSize() - s.indexStart() - 72;
        long pathBytes = 0;
        SplittableRandom rnd = new SplittableRandom(n);
        int lookups = 500;
        long reads = 0;
        long indexRead = 0;
        for (int k = 0; k < lookups; k++) {
          String name = Datasets.name(rnd.nextInt(n));
          pathBytes += name.getBytes(StandardCharsets.UTF_8).length;
          IndexEntry e = plain.entry(name);
          long r0 = c.reads;
          long b0 = c.bytes;
          r.getFile(name);
          reads += c.reads - r0;
          indexRead += (c.bytes - b0) - e.storedLength();
        }
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %d | %.2f | %.0f |%n", n, s.pageSize(),
            s.indexLevels(), indexBytes / (double) entries, pathBytes / (double) lookups, tail,
            1 + reads / (double) lookups, indexRead / (double) lookups);
      }
    }
  }
}
