package io.easystore.bench.mutate;

import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replacing one small file in a large container, in place, against the zip file system on the
 * same entries. DES: {@code DesUpdater.open}, {@code put}, {@code commit} (bodies and index delta
 * synced, then the commit footer, then the header anchor: three fsyncs), {@code close}; and the
 * same with the updater kept open (put + commit only). zipfs: {@code newFileSystem},
 * {@code Files.write}, {@code close} (zipfs rewrites the whole archive on close; it does not
 * fsync). Bytes written are what the process passed to write(2) ({@code /proc/self/io} wchar).
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks.jar io.easystore.bench.mutate.ReplaceOneReport
 * [entries=1000000] [body bytes=200] [DES repetitions=31] [zipfs repetitions=3]}
 */
public final class ReplaceOneReport {
  private ReplaceOneReport() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int desReps = args.length > 2 ? Integer.parseInt(args[2]) : 31;
    int zipReps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    long t = System.nanoTime();
    Path des = MutateData.des(n, size);
    Path zip = MutateData.zip(n, size);
    System.out.printf(Locale.ROOT, "# datasets ready in %.1f s: %s (%d bytes), %s (%d bytes)%n",
        (System.nanoTime() - t) / 1e9, des, Files.size(des), zip, Files.size(zip));
    SplittableRandom rnd = new SplittableRandom(42);

    Path work = MutateData.copy(des, "replace");
    long[][] cold = new long[desReps][];
    for (int r = 0; r < desReps; r++) {
      int i = rnd.nextInt(n);
      byte[] b = MutateData.body(i, size, r + 1);
      long w0 = MutateData.bytesWritten();
      long t0 = System.nanoTime();
      try (DesUpdater u = DesUpdater.open(work)) {
        u.put(MutateData.name(i), b, null, null);
        u.commit();
      }
      cold[r] = new long[] {System.nanoTime() - t0, MutateData.bytesWritten() - w0};
      check(work, i, b);
    }
    long[][] warm = new long[desReps][];
    try (DesUpdater u = DesUpdater.open(work)) {
      for (int r = 0; r < desReps; r++) {
        int i = rnd.nextInt(n);
        byte[] b = MutateData.body(i, size, 100 + r);
        long w0 = MutateData.bytesWritten();
        long t0 = System.nanoTime();
        u.put(MutateData.name(i), b, null, null);
        u.commit();
        warm[r] = new long[] {System.nanoTime() - t0, MutateData.bytesWritten() - w0};
      }
    }
    long desSize = Files.size(work);

    Path zwork = MutateData.copy(zip, "replace");
    long[][] zipfs = new long[zipReps][];
    long[][] zipOpen = new long[zipReps][];
    for (int r = 0; r < zipReps; r++) {
      long t0 = System.nanoTime();
      try (FileSystem fs = FileSystems.newFileSystem(zwork, Map.of())) {
        fs.getPath("/");
      }
      zipOpen[r] = new long[] {System.nanoTime() - t0, 0};
      int i = rnd.nextInt(n);
      byte[] b = MutateData.body(i, size, 1000 + r);
      long w0 = MutateData.bytesWritten();
      t0 = System.nanoTime();
      try (FileSystem fs = FileSystems.newFileSystem(zwork, Map.of())) {
        Files.write(fs.getPath(MutateData.name(i)), b);
      }
      zipfs[r] = new long[] {System.nanoTime() - t0, MutateData.bytesWritten() - w0};
      try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zwork.toUri()), Map.of())) {
        if (!Arrays.equals(Files.readAllBytes(fs.getPath(MutateData.name(i))), b)) {
          throw new IllegalStateException("zipfs lost the update");
        }
      }
    }

    System.out.printf(Locale.ROOT, "%n%d entries of %d bytes; DES file %d -> %d bytes after %d replacements%n%n", n,
        size, Files.size(des), desSize, 2 * desReps);
    System.out.println("| system | operation | runs | median ms | p90 ms | median bytes written |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    row("DES v2 in place", "open + put + commit + close", cold);
    row("DES v2 in place", "put + commit (updater open)", warm);
    row("zipfs", "newFileSystem + close (no change)", zipOpen);
    row("zipfs", "newFileSystem + write + close", zipfs);
    double timeRatio = (double) median(zipfs, 0) / median(cold, 0);
    double byteRatio = (double) median(zipfs, 1) / Math.max(1, median(cold, 1));
    System.out.printf(Locale.ROOT, "%nzipfs / DES (open + put + commit + close): %.0fx the time, %.0fx the bytes"
        + " written%n", timeRatio, byteRatio);
  }

  private static void check(Path c, int i, byte[] b) throws Exception {
    try (DesReader r = DesReader.open(c)) {
      if (!Arrays.equals(r.getFile(MutateData.name(i)), b)) {
        throw new IllegalStateException("DES lost the update");
      }
    }
  }

  static long median(long[][] runs, int col) {
    long[] v = Arrays.stream(runs).mapToLong(r -> r[col]).sorted().toArray();
    return v[v.length / 2];
  }

  static long p90(long[][] runs, int col) {
    long[] v = Arrays.stream(runs).mapToLong(r -> r[col]).sorted().toArray();
    return v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.9) - 1)];
  }

  private static void row(String system, String op, long[][] runs) {
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %,d |%n", system, op, runs.length,
        median(runs, 0) / 1e6, p90(runs, 0) / 1e6, median(runs, 1));
  }
}
