package io.easystore.archive;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.io.TempFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a container's directories and files as a zip (deflated, Zip64 where sizes need it, UTF-8
 * names). Entries keep their modification time and Unix mode; those without get the container
 * file's modification time and mode 0644 (files) or 0755 (directories). Names that could be
 * extracted outside a directory are left out with a message, as by {@link TarExporter}. The zip
 * is written beside the target and renamed into place when complete. Stateless.
 */
public final class ZipExporter {
  private ZipExporter() {}

  /** Exports every live entry of {@code reader} to {@code out}, telling {@code progress} each file's bytes. */
  public static ExportResult export(DesReader reader, Path out, long defaultMtimeMillis, LongConsumer progress)
      throws IOException {
    Path target = out.toAbsolutePath();
    Path tmp = TempFiles.createBeside(target);
    try {
      ExportResult r;
      try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
        zip.setUseZip64(Zip64Mode.AsNeeded);
        zip.setEncoding("UTF-8");
        zip.setMethod(ZipEntry.DEFLATED);
        r = write(reader, zip, defaultMtimeMillis, progress);
        zip.finish();
      }
      TempFiles.publish(tmp, target);
      return r;
    } finally {
      TempFiles.discard(tmp);
    }
  }

  private static ExportResult write(DesReader reader, ZipArchiveOutputStream zip, long defaultMtime,
      LongConsumer progress) throws IOException {
    long files = 0;
    long dirs = 0;
    long bytes = 0;
    List<String> skipped = new ArrayList<>();
    byte[] buf = new byte[1 << 16];
    // The cursor stays open while bodies are read: it marks the whole pass, so a remote source reads ahead.
    try (DesReader.EntryCursor scan = reader.liveEntries()) {
      for (IndexEntry e : ExportEntries.depthFirst(scan, skipped)) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.isDirectory() ? e.name() + "/" : e.name());
        z.setLastModifiedTime(FileTime.fromMillis(e.mtimeMillis() == EntryAttributes.NO_MTIME ? defaultMtime
            : e.mtimeMillis()));
        int mode = e.mode() != EntryAttributes.NO_MODE ? e.mode() : e.isDirectory() ? 0755 : 0644;
        z.setUnixMode((e.isDirectory() ? 040000 : 0100000) | (mode & 07777));
        if (e.isDirectory()) {
          zip.putArchiveEntry(z);
          zip.closeArchiveEntry();
          dirs++;
          continue;
        }
        z.setSize(e.size());
        zip.putArchiveEntry(z);
        bytes += ExportEntries.copyBody(reader, e, zip, buf);
        zip.closeArchiveEntry();
        progress.accept(e.size());
        files++;
      }
    }
    return new ExportResult(files, dirs, bytes, skipped);
  }
}
