package io.easystore.archive;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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
 * (directories). The tar is written beside the target and published when complete by
 * {@link io.easystore.internal.io.AtomicFiles#publish} (fsync, atomic rename, directory fsync).
 * Names that tar could extract outside a directory (from DES v1, which allows {@code ..}) are
 * left out with a message. Stateless.
 */
public final class TarExporter {
  private TarExporter() {}

  /** Exports every live entry of {@code reader} to {@code out}. */
  public static ExportResult export(DesReader reader, Path out, long defaultMtimeMillis) throws IOException {
    return export(reader, out, defaultMtimeMillis, n -> { });
  }

  /** As {@link #export(DesReader, Path, long)}, telling {@code progress} the bytes of each file written. */
  public static ExportResult export(DesReader reader, Path out, long defaultMtimeMillis,
      java.util.function.LongConsumer progress) throws IOException {
    Path target = out.toAbsolutePath();
    try (io.easystore.io.ContainerSink sink = io.easystore.io.Location.of(target.getParent())
        .create(target.getFileName().toString())) {
      ExportResult r;
      try (OutputStream file = new BufferedOutputStream(sink.stream(), 1 << 16);
          OutputStream compressed = compress(file, target.getFileName().toString());
          TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        r = write(reader, tar, defaultMtimeMillis, progress);
        tar.finish();
      }
      sink.publish();
      return r;
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

  private static ExportResult write(DesReader reader, TarArchiveOutputStream tar, long defaultMtime,
      java.util.function.LongConsumer progress) throws IOException {
    long files = 0;
    long dirs = 0;
    long bytes = 0;
    List<String> skipped = new ArrayList<>();
    byte[] buf = new byte[1 << 16];
    // The cursor stays open while bodies are read: it marks the whole pass, so a remote source reads ahead.
    try (DesReader.EntryCursor scan = reader.liveEntries()) {
      for (IndexEntry e : ExportEntries.depthFirst(scan, skipped)) {
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
        bytes += ExportEntries.copyBody(reader, e, tar, buf);
        tar.closeArchiveEntry();
        progress.accept(e.size());
        files++;
      }
    }
    return new ExportResult(files, dirs, bytes, skipped);
  }
}
