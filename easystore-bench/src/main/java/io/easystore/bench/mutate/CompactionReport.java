package io.easystore.bench.mutate;

import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.SpaceStats;
import io.easystore.mutate.UpdateOptions;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Compaction of a container after churn (a fraction of the entries replaced and as many deleted,
 * in commits of 10,000 changes), against a sequential copy of the same file ({@code Files.copy}
 * then fsync, from the page cache like the compaction); and the throughput of one reader thread
 * doing random point reads through a reader opened before the compaction, without and during it.
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks.jar io.easystore.bench.mutate.CompactionReport
 * [entries=1000000] [body bytes=200] [churn=0.1] [reader seconds=3] [compaction MB/s limit=0 (none)]}
 */
public final class CompactionReport {
  private CompactionReport() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    double churn = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
    double readSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
    double rateMb = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    UpdateOptions compactOptions = UpdateOptions.defaults().withCompactionBytesPerSecond((long) (rateMb * 1e6));
    Path c = MutateData.copy(MutateData.des(n, size), "compact");
    SplittableRandom rnd = new SplittableRandom(3);
    BitSet deleted = new BitSet(n);
    long t0 = System.nanoTime();
    try (DesUpdater u = DesUpdater.open(c)) {
      int changes = (int) (n * churn);
      for (int k = 0; k < changes; k++) {
        int i = rnd.nextInt(n);
        if (!deleted.get(i)) {
          u.put(MutateData.name(i), MutateData.body(i, size, 1), null, null);
        }
        int j = rnd.nextInt(n);
        if (!deleted.get(j)) {
          u.delete(MutateData.name(j));
          deleted.set(j);
        }
        if (k % 10_000 == 9_999) {
          u.commit();
        }
      }
      u.commit();
    }
    long churned = Files.size(c);
    SpaceStats before = DesUpdater.space(c);
    System.out.printf(Locale.ROOT, "# churn of %.0f%% replaced + %.0f%% deleted in %.1f s: %d bytes, %d dead, %d delta"
        + " segments%n", churn * 100, churn * 100, (System.nanoTime() - t0) / 1e9, churned, before.deadBytes(),
        before.deltaSegments());

    Path copy = c.resolveSibling("copy-" + c.getFileName());
    try (java.io.InputStream in = Files.newInputStream(c)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    long c0 = System.nanoTime();
    Files.copy(c, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    double copySecs = (System.nanoTime() - c0) / 1e9;
    Files.delete(copy);

    DesReader reader = DesReader.open(c);
    int[] live = liveIndexes(deleted, n);
    double baseline = readRate(reader, live, size, readSeconds, null);
    AtomicBoolean compacting = new AtomicBoolean(true);
    double[] compactSecs = {0};
    SpaceStats[] after = {null};
    Throwable[] failure = {null};
    Thread compactor = new Thread(() -> {
      long k0 = System.nanoTime();
      try (DesUpdater u = DesUpdater.open(c, compactOptions)) {
        after[0] = u.compact();
      } catch (Throwable e) {
        failure[0] = e;
      } finally {
        compactSecs[0] = (System.nanoTime() - k0) / 1e9;
        compacting.set(false);
      }
    });
    compactor.start();
    double during = readRate(reader, live, size, Double.MAX_VALUE, compacting);
    compactor.join();
    reader.close();
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    try (DesReader r = DesReader.open(c)) {
      if (r.verify().problems().size() > 0) {
        throw new IllegalStateException("compacted container does not verify");
      }
    }
    System.out.printf(Locale.ROOT, "%n%d entries of %d bytes after churn; file %,d bytes -> %,d bytes compacted%n%n",
        n, size, churned, after[0].fileBytes());
    System.out.println("| operation | seconds | MB/s of the input file | relative to copy |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(Locale.ROOT, "| sequential copy + fsync | %.2f | %.0f | 1.00 |%n", copySecs,
        churned / 1e6 / copySecs);
    System.out.printf(Locale.ROOT, "| des compact%s | %.2f | %.0f | %.2f |%n",
        rateMb > 0 ? String.format(Locale.ROOT, " (limited to %.0f MB/s written)", rateMb) : "", compactSecs[0],
        churned / 1e6 / compactSecs[0], copySecs / compactSecs[0]);
    System.out.printf(Locale.ROOT, "%n| one reader thread, random point reads | reads/s |%n|---|---:|%n");
    System.out.printf(Locale.ROOT, "| before compaction | %,.0f |%n| during compaction | %,.0f (%.0f%%) |%n", baseline,
        during, 100 * during / baseline);
  }

  private static int[] liveIndexes(BitSet deleted, int n) {
    int[] out = new int[n - deleted.cardinality()];
    int k = 0;
    for (int i = deleted.nextClearBit(0); i < n; i = deleted.nextClearBit(i + 1)) {
      out[k++] = i;
    }
    return out;
  }

  /** Random point reads for {@code seconds}, or while {@code running} is set; reads per second. */
  private static double readRate(DesReader r, int[] live, int size, double seconds, AtomicBoolean running)
      throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    long t0 = System.nanoTime();
    long end = running == null ? t0 + (long) (seconds * 1e9) : Long.MAX_VALUE;
    long reads = 0;
    long sum = 0;
    while (running == null ? System.nanoTime() < end : running.get()) {
      for (int k = 0; k < 64; k++) {
        sum += r.getFile(MutateData.name(live[rnd.nextInt(live.length)])).length;
        reads++;
      }
    }
    if (sum != reads * size) {
      throw new IllegalStateException("short read");
    }
    return reads / ((System.nanoTime() - t0) / 1e9);
  }
}
