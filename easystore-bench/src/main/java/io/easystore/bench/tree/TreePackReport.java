package io.easystore.bench.tree;

import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.TreePacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Packing a tree, side by side in one run: {@code des pack} (the CLI in its own JVM, startup
 * included, and the library in this JVM after a warm-up), {@code tar cf}, {@code zip -r -0} and
 * {@code mksquashfs} (uncompressed, so every tool only copies bytes; without its duplicate search), on the
 * JDK 25 sources and on
 * 200,000 files of 1 KiB. Warm: the trees are read once before timing, each tool runs
 * {@code des.bench.runs} times (default 3), the median is reported. Cold: before each of
 * {@code des.bench.coldRuns} runs (default 2; the slower is reported) the trees' file pages are
 * dropped from the page cache with {@code posix_fadvise(DONTNEED)} (only those files; directory
 * entries and inodes stay cached), so reads wait for the disk as on a cold or remote file system.
 * Not JMH: single long operations, several of them external processes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.easystore.bench.tree.TreePackReport [des.jar]}
 */
public final class TreePackReport {
  private static final int RUNS = Integer.getInteger("des.bench.runs", 3);
  private static final int COLD_RUNS = Integer.getInteger("des.bench.coldRuns", 2);

  private TreePackReport() {}

  public static void main(String[] args) throws Exception {
    Path desJar = Paths.get(args.length > 0 ? args[0] : "easystore-cli/target/des.jar").toAbsolutePath();
    Path work = TreeData.work();
    Path out = Files.createDirectories(work.resolve("out"));
    Path evict = work.resolve("evict.py");
    Files.writeString(evict, EVICT);
    Path jdk = TreeData.jdkSources(work);
    Path small = TreeData.smallFiles(work);
    System.out.println("| tree | cache | tool | s | files/s | MiB/s | output MiB | time vs tar |");
    System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
    for (Path tree : List.of(jdk, small)) {
      String label = tree == jdk ? "JDK 25 sources" : "200,000 x 1 KiB";
      // Warm: every byte already in the page cache (read once through a pipe: tar skips reading for /dev/null).
      sh("tar cf - -C " + tree + " . | cat > /dev/null");
      report(label, "warm", tree, out, desJar, RUNS, null);
      // Cold data: the tree's pages dropped before each run (directory entries and inodes stay cached).
      report(label, "cold", tree, out, desJar, COLD_RUNS, "sync && python3 " + evict + " " + tree);
    }
  }

  /** Drops the page-cache pages of the files below the given directories, and only those. */
  private static final String EVICT = """
      import os, sys
      for top in sys.argv[1:]:
          for root, dirs, files in os.walk(top):
              for f in files:
                  fd = os.open(os.path.join(root, f), os.O_RDONLY)
                  os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                  os.close(fd)
      """;

  private static void report(String label, String cache, Path tree, Path out, Path desJar, int runs, String before)
      throws Exception {
    List<String> files = TreeData.files(tree);
    long bytes = 0;
    for (String f : files) {
      bytes += Files.size(tree.resolve(f));
    }
    List<String[]> tools = new ArrayList<>();
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    tools.add(new String[] {"tar cf", "tar cf " + out.resolve("t.tar") + " -C " + tree + " ."});
    // zip -r updates an existing archive, so each run starts without one (the rm is part of the timing).
    tools.add(new String[] {"zip -r -0", "rm -f " + out.resolve("t.zip") + " && cd " + tree + " && zip -q -r -0 "
        + out.resolve("t.zip") + " ."});
    if (available("mksquashfs")) {
      // -no-duplicates: its duplicate search compares every pair of same-sized files (minutes on 200,000 files
      // of 1 KiB), a feature the other tools do not have.
      tools.add(new String[] {"mksquashfs (uncompressed, -no-duplicates)", "mksquashfs " + tree + " "
          + out.resolve("t.sqfs") + " -noappend -no-progress -quiet -noI -noD -noF -noX -no-duplicates"});
    }
    if (Files.exists(desJar)) {
      tools.add(new String[] {"des pack (CLI), none, 8 threads", java + " -jar " + desJar + " pack -q " + tree + " -o "
          + out.resolve("t-cli.des") + " --codec none --threads 8"});
      tools.add(new String[] {"des pack (CLI), zstd, 8 threads", java + " -jar " + desJar + " pack -q " + tree + " -o "
          + out.resolve("t-cli-z.des") + " --threads 8"});
    }
    double tar = -1;
    for (String[] t : tools) {
      double s = median(runs, before, () -> sh(t[1]));
      if (tar < 0) {
        tar = s;
      }
      row(label, cache, t[0], s, files.size(), bytes, outputOf(t[1], out), tar);
    }
    Path c = out.resolve("t-lib.des");
    TreePacker.pack(tree, c, WriterOptions.defaults().withCodec(CodecId.NONE), PackOptions.defaults(), PackListener.NONE);
    for (int threads : new int[] {1, 8}) {
      double s = median(runs, before, () -> {
        try {
          TreePacker.pack(tree, c, WriterOptions.defaults().withCodec(CodecId.NONE),
              PackOptions.defaults().withThreads(threads), PackListener.NONE);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      row(label, cache, "TreePacker (library, warm JVM), none, " + threads + " thread" + (threads > 1 ? "s" : ""), s,
          files.size(), bytes, Files.size(c), tar);
    }
  }

  private static long outputOf(String command, Path out) throws IOException {
    for (String name : new String[] {"t.tar", "t.zip", "t.sqfs", "t-cli.des", "t-cli-z.des"}) {
      if (command.contains(out.resolve(name).toString() + " ") || command.endsWith(out.resolve(name).toString())) {
        return Files.size(out.resolve(name));
      }
    }
    return -1;
  }

  private static void row(String label, String cache, String tool, double s, int files, long bytes, long output,
      double tar) {
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %,.0f | %.1f | %.1f | %.2f |%n", label, cache, tool, s,
        files / s, bytes / 1048576.0 / s, output / 1048576.0, s / tar);
  }

  /** The median of {@code runs} timings (the slower one of two); {@code before} runs untimed before each. */
  private static double median(int runs, String before, Runnable r) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      if (before != null) {
        sh(before);
      }
      long t0 = System.nanoTime();
      r.run();
      times.add((System.nanoTime() - t0) / 1e9);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static boolean available(String tool) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static void sh(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      byte[] log = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(command + " failed: " + new String(log, java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException(command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command, e);
    }
  }
}
