package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a zip archive through its central directory (commons-compress {@link ZipFile}) into an
 * {@link ImportSink}, in the order entries lie in the file. Stateless.
 */
final class ZipImporter {
  /** Longest symbolic link target read, to tell inside from outside. */
  private static final int MAX_LINK_BYTES = 4096;

  private ZipImporter() {}

  static ImportResult run(Path zip, ImportSink sink, InputProgress at) throws IOException {
    String archive = zip.toString();
    ZipFile zf;
    try {
      zf = ZipFile.builder().setPath(zip).get();
    } catch (IOException | RuntimeException e) {
      throw new CorruptContainerException(archive, CorruptContainerException.NO_OFFSET, null,
          "not a readable zip archive: " + e.getMessage(), e);
    }
    try (zf) {
      Enumeration<ZipArchiveEntry> all = zf.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        ZipArchiveEntry e = all.nextElement();
        sink.countEntry();
        // Physical order: each entry starts where the ones before it have been read.
        at.at(e.getLocalHeaderOffset());
        String raw = e.getName();
        if (e.isUnixSymlink()) {
          sink.skipLink(raw, linkTarget(zf, e), false);
          continue;
        }
        if (e.isDirectory()) {
          String path = sink.accept(raw);
          if (path != null) {
            sink.directory(raw, path, attributes(e));
          }
          continue;
        }
        if (!zf.canReadEntryData(e)) {
          sink.skip(raw, "uses encryption or a compression method this reader does not support");
          continue;
        }
        String path = sink.accept(raw);
        if (path == null) {
          continue;
        }
        try (InputStream in = zf.getInputStream(e)) {
          sink.file(raw, path, in, attributes(e), null);
        } catch (RuntimeException ex) {
          throw new CorruptContainerException(archive, e.getDataOffset(), path, "malformed zip entry: " + ex, ex);
        }
      }
    }
    return sink.result("zip");
  }

  private static String linkTarget(ZipFile zf, ZipArchiveEntry e) throws IOException {
    if (e.getSize() < 0 || e.getSize() > MAX_LINK_BYTES) {
      return "(a target of " + e.getSize() + " bytes)";
    }
    try (InputStream in = zf.getInputStream(e)) {
      return new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8);
    }
  }

  static EntryAttributes attributes(ZipArchiveEntry e) {
    long mtime = e.getTime() < 0 ? EntryAttributes.NO_MTIME : e.getTime();
    int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && e.getUnixMode() != 0
        ? e.getUnixMode() & 07777 : EntryAttributes.NO_MODE;
    return new EntryAttributes(mtime, mode);
  }
}
