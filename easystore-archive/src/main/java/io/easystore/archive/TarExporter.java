package io.easystore.archive;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes a container's directories and files as a POSIX tar (PAX headers for long names and large
 * sizes), compressed when the output name ends in {@code .gz}/{@code .tgz}, {@code .bz2},
 * {@code .xz} or {@code .zst}/{@code .tzst}. Entries keep their modification time and mode;
 * those without get the container file's modification time and mode 0644 (files) or 0755
 * (directories). The tar is written beside the target and renamed into place when complete.
 * Names that tar could extract outside a directory (from DES v1, which allows {@code ..}) are
 * left out with a message. Stateless.
 */
public final class TarExporter {
  private TarExporter() {}

  /** Exports every live entry of {@code reader} to {@code out}. */
  public static ExportResult export(DesReader reader, Path out, long defaultMtimeMillis) throws IOException {
    Path target = out.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      ExportResult r;
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
          OutputStream compressed = compress(file, target.getFileName().toString());
          TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        r = write(reader, tar, defaultMtimeMillis);
        tar.finish();
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return r;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static OutputStream compress(OutputStream out, String fileName) throws IOException {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz") || n.endsWith(".tgz")) {
      return new GzipCompressorOutputStream(out);
    }
    if (n.endsWith(".bz2")) {
      return new BZip2CompressorOutputStream(out);
    }
    if (n.endsWith(".xz")) {
      return new XZCompressorOutputStream(out);
    }
    if (n.endsWith(".zst") || n.endsWith(".tzst")) {
      return new ZstdCompressorOutputStream(out);
    }
    return out;
  }

  private static ExportResult write(DesReader reader, TarArchiveOutputStream tar, long defaultMtime) throws IOException {
    long[] counts = new long[3];
    List<String> skipped = new ArrayList<>();
    byte[] buf = new byte[1 << 16];
    // The cursor stays open while bodies are read: it marks the whole pass, so a remote source reads ahead.
    try (DesReader.EntryCursor scan = reader.liveEntries()) {
      write(reader, depthFirst(scan, skipped), tar, defaultMtime, buf, counts);
    }
    return new ExportResult(counts[0], counts[1], counts[2], skipped);
  }

  private static void write(DesReader reader, List<IndexEntry> entries, TarArchiveOutputStream tar, long defaultMtime,
      byte[] buf, long[] counts) throws IOException {
    long files = 0;
    long dirs = 0;
    long bytes = 0;
    for (IndexEntry e : entries) {
      TarArchiveEntry t = new TarArchiveEntry(e.isDirectory() ? e.name() + "/" : e.name(), true);
      t.setModTime(e.mtimeMillis() == io.easystore.EntryAttributes.NO_MTIME ? defaultMtime : e.mtimeMillis());
      int mode = e.mode() != io.easystore.EntryAttributes.NO_MODE ? e.mode() : e.isDirectory() ? 0755 : 0644;
      t.setMode((e.isDirectory() ? TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~07777)
          | mode);
      if (e.isDirectory()) {
        tar.putArchiveEntry(t);
        tar.closeArchiveEntry();
        dirs++;
        continue;
      }
      t.setSize(e.size());
      tar.putArchiveEntry(t);
      try (InputStream in = reader.openStream(e.name())) {
        int n;
        while ((n = in.read(buf)) > 0) {
          tar.write(buf, 0, n);
          bytes += n;
        }
      }
      tar.closeArchiveEntry();
      files++;
    }
    counts[0] = files;
    counts[1] = dirs;
    counts[2] = bytes;
  }

  /**
   * The entries to write, each directory followed by everything below it (depth first, as tar
   * itself writes): GNU tar sets a directory's modification time once it has extracted the
   * entries after it that lie inside it, so contents that come after unrelated siblings would
   * touch the directory again. Names that are unsafe or repeated (DES v1) are reported in
   * {@code skipped}; of a repeated v1 name the last record is kept, whose body readers serve.
   */
  private static List<IndexEntry> depthFirst(DesReader.EntryCursor entries, List<String> skipped) throws IOException {
    java.util.Map<String, IndexEntry> byName = new java.util.HashMap<>();
    IndexEntry e;
    while ((e = entries.next()) != null) {
      EntryNames.Outcome o = EntryNames.normalize(e.name());
      if (o.problem() != null || o.root() || !o.path().equals(e.name())) {
        skipped.add("'" + e.name().replace('\0', '?') + "' "
            + (o.problem() != null ? o.problem() : "is not a normalised path (refused)"));
        continue;
      }
      if (byName.put(e.name(), e) != null) {
        skipped.add("'" + e.name() + "' appears twice in the container (exported once, with the last record's"
            + " size and body, which readers serve)");
      }
    }
    List<IndexEntry> out = new ArrayList<>(byName.values());
    out.sort((a, b) -> depthFirstOrder(a.name(), b.name()));
    return out;
  }

  /** Orders paths as a depth-first walk visits them: {@code '/'} sorts before every other character. */
  static int depthFirstOrder(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
