package io.easystore.archive;

import static io.easystore.testing.FuzzChecks.attempt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.testing.FuzzChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Imports of arbitrary bytes (seeds: tar, tar.gz, zip) through {@link Importers#importFile} into a
 * DES writer in a temp dir: the import either fails with a typed exception naming the archive, or
 * the container it publishes opens, holds only normalised names, and reads and verifies cleanly.
 * Expansion is bounded by small import limits.
 */
class ImportFuzzTest {
  static final ImportOptions LIMITS = ImportOptions.defaults().withMaxEntries(2_000).withMaxBytes(32L << 20);

  @FuzzTest(maxDuration = "5m")
  void importsGiveACleanContainerOrFailTyped(byte[] bytes) {
    FuzzChecks.bounded("archive of " + bytes.length + " bytes", () -> {
      Path dir = Files.createTempDirectory("esfuzz");
      try {
        Path source = dir.resolve("fuzz.archive");
        Files.write(source, bytes);
        Path out = dir.resolve("out.des");
        ImportResult r = attempt("fuzz.archive", "import", () -> Importers.importFile(source, out,
            WriterOptions.defaults(), LIMITS));
        if (r != null) {
          check(out);
        } else if (Files.exists(out)) {
          FuzzChecks.defect("import-leftover", "a failed import left " + out + " behind", null);
        }
      } finally {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
      return null;
    });
  }

  private static void check(Path out) throws IOException {
    try (DesReader r = DesReader.open(out, ReaderOptions.defaults())) {
      for (String n : r.listFiles()) {
        if (n.isEmpty() || n.startsWith("/") || n.contains("\0") || n.contains("\\") || n.endsWith("/")
            || ("/" + n + "/").contains("/../") || ("/" + n + "/").contains("/./") || n.contains("//")) {
          FuzzChecks.defect("import-name", "the import wrote the non-normalised name '" + n + "'", null);
        }
        r.getFile(n);
      }
      if (!r.verify().ok()) {
        FuzzChecks.defect("import-verify", "the container written by the import does not verify", null);
      }
    }
  }

  /**
   * The seeds written by the current code pass the target; with -Deasystore.fuzz.writeSeeds=true
   * they are written over the committed ones (512-byte tar blocks keep them small).
   */
  @Test
  void seedsFromTheCurrentCodePassTheTarget(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path dir = Boolean.getBoolean("easystore.fuzz.writeSeeds") ? Files.createDirectories(Paths.get(
        "src/test/resources/io/easystore/archive/ImportFuzzTestInputs/importsGiveACleanContainerOrFailTyped")) : tmp;
    writeSeeds(dir);
    for (String seed : new String[] {"seed-tar", "seed-tar-gz", "seed-zip"}) {
      importsGiveACleanContainerOrFailTyped(Files.readAllBytes(dir.resolve(seed)));
    }
  }

  private static void writeSeeds(Path dir) throws IOException {
    try (OutputStream o = Files.newOutputStream(dir.resolve("seed-tar"))) {
      tar(o);
    }
    try (OutputStream o = new GzipCompressorOutputStream(Files.newOutputStream(dir.resolve("seed-tar-gz")))) {
      tar(o);
    }
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(dir.resolve("seed-zip")))) {
      for (String n : new String[] {"a.txt", "sub/", "sub/b.txt"}) {
        ZipArchiveEntry e = new ZipArchiveEntry(n);
        e.setUnixMode(n.endsWith("/") ? 040755 : 0100644);
        zip.putArchiveEntry(e);
        if (!n.endsWith("/")) {
          zip.write(("zip body of " + n + "\n").repeat(3).getBytes(StandardCharsets.UTF_8));
        }
        zip.closeArchiveEntry();
      }
    }
  }

  private static void tar(OutputStream o) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(o, 512)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String n : new String[] {"dir/", "dir/a.txt", "b.txt", "l"}) {
        byte type = n.endsWith("/") ? TarArchiveEntry.LF_DIR : n.equals("l") ? TarArchiveEntry.LF_SYMLINK
            : TarArchiveEntry.LF_NORMAL;
        TarArchiveEntry t = new TarArchiveEntry(n, type, true);
        byte[] body = type == TarArchiveEntry.LF_NORMAL ? ("tar body of " + n + "\n").getBytes(StandardCharsets.UTF_8)
            : new byte[0];
        if (type == TarArchiveEntry.LF_SYMLINK) {
          t.setLinkName("b.txt");
        }
        t.setMode(type == TarArchiveEntry.LF_DIR ? 040755 : 0100644);
        t.setModTime(1_700_000_000_000L);
        t.setSize(body.length);
        tar.putArchiveEntry(t);
        tar.write(body);
        tar.closeArchiveEntry();
      }
    }
  }
}
