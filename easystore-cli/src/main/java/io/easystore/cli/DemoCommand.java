package io.easystore.cli;

import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import io.easystore.tree.PackIssue;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.PackResult;
import io.easystore.tree.TreePacker;
import io.easystore.tree.WalkEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first thing a newcomer runs: packs a real tree that exists on every machine with a JDK (the
 * running JDK's own directory), browses it, reads every file back through the same {@link FileTree}
 * API as the directory, compares them and verifies the container, printing each step with its cost.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Pack the running JDK's directory tree into DES v2 (zstd), browse it, read every file back,"
        + " compare and verify.")
final class DemoCommand extends Sub {
  @Option(names = "--source", paramLabel = "DIR",
      description = "Directory tree to pack (default: the running JDK, java.home).")
  Path source = Paths.get(System.getProperty("java.home"));

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
      out.printf("1. pack     %s -> DES v2, zstd, 4 reader threads (hidden files skipped, links followed)%n", source);
      List<PackIssue> skipped = new ArrayList<>();
      long t0 = System.nanoTime();
      PackResult packed;
      try (Progress p = terminal().progress("pack", -1, "files")) {
        packed = TreePacker.pack(source, container, WriterOptions.defaults().withCodec(CodecId.ZSTD),
            PackOptions.defaults().withThreads(4).withSkipErrors(true)
                .withMetadata((file, path) -> ReferenceJson.object().put("mime", MimeTypes.of(file))),
            new PackListener() {
              @Override
              public void added(String path, long bytes) {
                p.step(1);
              }

              @Override
              public void skipped(PackIssue issue) {
                skipped.add(issue);
              }
            });
      }
      long packNanos = System.nanoTime() - t0;
      if (packed.files() == 0) {
        throw new IOException(source + " holds no files to pack; choose another directory with --source");
      }
      out.printf("           %d files in %d directories, %s -> %s in %d ms (%.0f MiB/s, %.0f%% of the original size)%n",
          packed.files(), packed.directories(), humanBytes(packed.bytes()), humanBytes(packed.containerBytes()),
          packNanos / 1_000_000, packed.bytes() / 1048576.0 / Math.max(1e-9, packNanos / 1e9),
          100.0 * packed.containerBytes() / Math.max(1, packed.bytes()));
      for (PackIssue i : skipped) {
        out.println("           skipped (unreadable): " + i);
      }
      t0 = System.nanoTime();
      try (FileTree tree = FileTrees.open(container); FileTree original = FileTrees.ofDirectory(source)) {
        long openMicros = (System.nanoTime() - t0) / 1000;
        try (DesReader r = DesReader.open(container)) {
          ContainerStats s = r.stats();
          out.printf("2. open     DES v%d, %d files, %d directories, index of %d level(s) in %d KiB pages: %d us%n",
              s.formatVersion(), s.liveEntries(), s.directories(), s.indexLevels(), s.pageSize() / 1024, openMicros);
          browse(r, tree, out);
        }
        compare(tree, original, packed.files(), out);
        sameWalk(tree, original, skipped, out);
      }
      try (DesReader r = DesReader.open(container)) {
        t0 = System.nanoTime();
        VerifyReport report = r.verify();
        out.printf("6. verify   %s: %d entries, %s read and checksummed in %d ms%n", report.ok() ? "OK" : "PROBLEMS",
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

  /** A few lines of what {@code des tree}, {@code des ls} and {@code des meta} show. */
  private static void browse(DesReader r, FileTree tree, PrintStream out) throws IOException {
    out.println("3. browse   the root and the first directories, as 'des tree C DIR --depth 1' lists them:");
    List<String> shown = new ArrayList<>();
    shown.add("");
    for (String name : tree.list("")) {
      if (tree.isDirectory(name) && shown.size() < 3) {
        shown.add(name);
      }
    }
    for (String d : shown) {
      List<IndexEntry> children = r.list(d);
      long files = children.stream().filter(e -> !e.isDirectory()).count();
      out.printf("           %s/  (%d directories, %d files)%n", d.isEmpty() ? "." : d, children.size() - files, files);
      int n = 0;
      for (IndexEntry e : children) {
        if (n++ == 4) {
          out.printf("             ... %d more%n", children.size() - 4);
          break;
        }
        out.printf("             %s%s%n", e.baseName(), e.isDirectory() ? "/"
            : "  " + humanBytes(e.size()) + "  " + r.getMeta(e.name()));
      }
    }
  }

  private static void compare(FileTree tree, FileTree original, long expected, PrintStream out) throws Exception {
    long t0 = System.nanoTime();
    long same = 0;
    List<String> differ = new ArrayList<>();
    for (String path : files(tree)) {
      byte[] a;
      byte[] b;
      try (InputStream in = tree.open(path)) {
        a = digest(in);
      }
      try (InputStream in = original.open(path)) {
        b = digest(in);
      }
      if (Arrays.equals(a, b)) {
        same++;
      } else {
        differ.add(path);
      }
    }
    out.printf("4. read     every file back through FileTree and compared SHA-256 with the original: %d/%d identical"
        + " (%d ms)%n", same, expected, (System.nanoTime() - t0) / 1_000_000);
    differ.forEach(d -> out.println("           MISMATCH: " + d));
    if (same != expected) {
      throw new IOException("demo found files that differ from their originals");
    }
  }

  /** The container's walk equals the directory's, apart from what packing left out. */
  private static void sameWalk(FileTree tree, FileTree original, List<PackIssue> skipped, PrintStream out)
      throws IOException {
    long t0 = System.nanoTime();
    List<String> packed = files(tree);
    long containerMicros = (System.nanoTime() - t0) / 1000;
    t0 = System.nanoTime();
    List<String> onDisk = files(original);
    long diskMicros = (System.nanoTime() - t0) / 1000;
    List<String> expected = new ArrayList<>();
    for (String p : onDisk) {
      boolean hidden = Arrays.stream(p.split("/")).anyMatch(s -> s.startsWith("."));
      if (!hidden && skipped.stream().noneMatch(i -> i.path().equals(p))) {
        expected.add(p);
      }
    }
    boolean same = expected.equals(packed);
    out.printf("5. walk     the same os.walk-style code over the container (%d us) and the directory (%d us):"
        + " %s%n", containerMicros, diskMicros, same ? "same " + packed.size() + " files in the same order"
        : "DIFFERENT (" + packed.size() + " vs " + expected.size() + ")");
    if (!same) {
      throw new IOException("walking the container and the directory gave different files");
    }
  }

  private static List<String> files(FileTree tree) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<WalkEntry> s = tree.walk("")) {
      s.forEach(e -> e.files().forEach(f -> out.add(e.resolve(f))));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
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
