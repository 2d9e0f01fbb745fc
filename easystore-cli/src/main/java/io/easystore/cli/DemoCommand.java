package io.easystore.cli;

import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first thing a newcomer runs: packs real files that exist on every machine with a JDK (the
 * JDK's own {@code lib} directory), reads them back, compares them with the originals and
 * verifies the container, printing each step with its cost.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Pack the JDK's own lib directory, read every file back, compare and verify.")
final class DemoCommand extends Sub {
  @Option(names = "--source", paramLabel = "DIR",
      description = "Directory to pack (default: the running JDK's lib directory).")
  Path source = Paths.get(System.getProperty("java.home"), "lib");

  @Option(names = "--work", paramLabel = "DIR", description = "Where to write the container (default: a temporary directory).")
  Path work;

  @Option(names = "--keep", description = "Keep the container afterwards.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintStream out = terminal().out();
    Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("des-demo");
    Path container = dir.resolve("demo.des");
    try {
      List<Path> files = regularFiles(source);
      long total = FlatPacker.totalSize(files);
      out.printf("1. pack     %d files (%s) from %s%n", files.size(), humanBytes(total), source);
      long t0 = System.nanoTime();
      try (Progress p = terminal().progress("pack", total, "bytes")) {
        FlatPacker.pack(files, container, true, p);
      }
      long packNanos = System.nanoTime() - t0;
      out.printf("           -> %s, %s, in %d ms (%.0f MiB/s)%n", container, humanBytes(Files.size(container)),
          packNanos / 1_000_000, total / 1048576.0 / Math.max(1e-9, packNanos / 1e9));

      t0 = System.nanoTime();
      try (DesReader first = DesReader.open(container)) {
        first.stats();
      }
      long coldMicros = (System.nanoTime() - t0) / 1000;
      t0 = System.nanoTime();
      try (DesReader r = DesReader.open(container)) {
        long openMicros = (System.nanoTime() - t0) / 1000;
        ContainerStats s = r.stats();
        out.printf("2. open     DES v%d, %d entries, index %d bytes: %d us (first open in this JVM: %d us,"
            + " mostly class loading)%n", s.formatVersion(), s.entries(), s.indexBytes(), openMicros, coldMicros);
        out.println("3. list     (largest five)");
        r.getIndex().stream().sorted(Comparator.comparingLong(IndexEntry::size).reversed()).limit(5)
            .forEach(e -> out.printf("           %12d  %s  %s%n", e.size(), e.name(), metaOf(r, e.name())));
        compare(r, files, out);
        batch(r, out);
        t0 = System.nanoTime();
        VerifyReport report = r.verify();
        out.printf("6. verify   %s: %d entries, %s read in %d ms%n", report.ok() ? "OK" : "PROBLEMS",
            report.entriesChecked(), humanBytes(report.bytesChecked()), (System.nanoTime() - t0) / 1_000_000);
        report.problems().forEach(p -> out.println("           problem: " + p));
        out.println(keep ? "container kept at " + container : "done; temporary container removed");
        return report.ok() ? 0 : Main.FAILED;
      }
    } finally {
      if (!keep) {
        Files.deleteIfExists(container);
        if (work == null) {
          Files.deleteIfExists(dir);
        }
      }
    }
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    if (files.isEmpty()) {
      throw new IOException(dir + " holds no regular files to pack; choose another with --source");
    }
    return files;
  }

  private static String metaOf(DesReader r, String name) {
    try {
      return r.getMeta(name).toString();
    } catch (IOException e) {
      return "(metadata unreadable: " + e.getMessage() + ")";
    }
  }

  private void compare(DesReader r, List<Path> files, PrintStream out) throws Exception {
    long t0 = System.nanoTime();
    int same = 0;
    for (Path p : files) {
      byte[] fromContainer;
      try (InputStream in = r.openStream(p.getFileName().toString())) {
        fromContainer = digest(in);
      }
      byte[] fromDisk;
      try (InputStream in = Files.newInputStream(p)) {
        fromDisk = digest(in);
      }
      if (Arrays.equals(fromContainer, fromDisk)) {
        same++;
      } else {
        out.println("           MISMATCH: " + p.getFileName());
      }
    }
    out.printf("4. read     every entry back and compared SHA-256 with the original: %d/%d identical (%d ms)%n",
        same, files.size(), (System.nanoTime() - t0) / 1_000_000);
    if (same != files.size()) {
      throw new IOException("demo found entries that differ from their originals");
    }
  }

  private void batch(DesReader r, PrintStream out) throws IOException {
    List<String> small = new ArrayList<>();
    for (IndexEntry e : r.getIndex()) {
      if (e.size() < (1 << 20)) {
        small.add(e.name());
      }
    }
    long t0 = System.nanoTime();
    Map<String, byte[]> got = r.getFiles(small);
    long bytes = got.values().stream().mapToLong(b -> b.length).sum();
    out.printf("5. batch    %d small entries (%s) with merged range reads in %d us%n",
        got.size(), humanBytes(bytes), (System.nanoTime() - t0) / 1000);
  }

  private static byte[] digest(InputStream in) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }
}
