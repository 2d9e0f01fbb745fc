package io.easystore.bench.format;

import io.easystore.DesReader;
import java.io.Closeable;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Open time and retained heap of one open container, by entry count: DES v2 against
 * {@link ZipFile} and the zip file system (zipfs) on the same entries (16-byte bodies; the body
 * size does not matter to opening). Time is the median of repeated open+close in one warm JVM
 * (the OS page cache holds the files); heap is the heap in use, after full GCs, with one container
 * open minus before it was opened.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks.jar io.easystore.bench.format.OpenReport 10000 1000000 10000000}
 */
public final class OpenReport {
  private OpenReport() {}

  interface Opener {
    Closeable open(Path p) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {10_000, 1_000_000} : Arrays.stream(args).mapToInt(Integer::parseInt)
        .toArray();
    System.out.println("| entries | format | file bytes | open, median of k (us) | k | retained heap (bytes) |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    for (int n : sizes) {
      Path des = Datasets.des(n, 16);
      Path zip = Datasets.zip(n, 16);
      run(n, "DES v2", des, DesReader::open);
      run(n, "java.util.zip.ZipFile", zip, p -> new ZipFile(p.toFile()));
      run(n, "zipfs (jdk.nio.zipfs)", zip, p -> {
        FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + p.toUri()), Map.of());
        return fs;
      });
    }
  }

  private static void run(int n, String label, Path p, Opener opener) throws Exception {
    int k = n >= 5_000_000 ? 3 : n >= 500_000 ? 7 : 51;
    long[] times = new long[k];
    for (int i = -2; i < k; i++) {
      long t0 = System.nanoTime();
      Closeable c = opener.open(p);
      if (i >= 0) {
        times[i] = System.nanoTime() - t0;
      }
      c.close();
    }
    Arrays.sort(times);
    long before = usedHeap();
    Closeable held = opener.open(p);
    long after;
    try {
      after = usedHeap();
    } finally {
      java.lang.ref.Reference.reachabilityFence(held);
      held.close();
    }
    System.out.printf(Locale.ROOT, "| %d | %s | %d | %.1f | %d | %d |%n", n, label, java.nio.file.Files.size(p),
        times[k / 2] / 1e3, k, after - before);
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(30);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
