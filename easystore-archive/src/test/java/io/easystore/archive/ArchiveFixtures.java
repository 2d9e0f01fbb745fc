package io.easystore.archive;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds test archives with commons-compress and reads containers back. */
final class ArchiveFixtures {
  private ArchiveFixtures() {}

  /** One tar entry to write. */
  record Entry(String name, byte type, byte[] body, int mode, long mtime, String link) {
    static Entry file(String name, String body, int mode, long mtime) {
      return new Entry(name, TarArchiveEntry.LF_NORMAL, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode,
          mtime, null);
    }

    static Entry dir(String name, int mode, long mtime) {
      return new Entry(name, TarArchiveEntry.LF_DIR, new byte[0], mode, mtime, null);
    }

    static Entry link(String name, byte type, String target) {
      return new Entry(name, type, new byte[0], 0777, 0, target);
    }
  }

  static OutputStream compress(OutputStream out, String compression) throws IOException {
    return switch (compression) {
      case "none" -> out;
      case "gz" -> new GzipCompressorOutputStream(out);
      case "bzip2" -> new BZip2CompressorOutputStream(out);
      case "xz" -> new XZCompressorOutputStream(out);
      case "zstd" -> new ZstdCompressorOutputStream(out);
      default -> throw new IllegalArgumentException(compression);
    };
  }

  static Path tar(Path out, String compression, Iterable<Entry> entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(out); OutputStream c = compress(file, compression);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(c)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (Entry e : entries) {
        TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
        if (e.link() != null) {
          t.setLinkName(e.link());
        }
        t.setMode((e.type() == TarArchiveEntry.LF_DIR ? 040000 : e.type() == TarArchiveEntry.LF_NORMAL ? 0100000 : 0)
            | e.mode());
        t.setModTime(e.mtime());
        t.setSize(e.type() == TarArchiveEntry.LF_NORMAL ? e.body().length : 0);
        tar.putArchiveEntry(t);
        if (e.type() == TarArchiveEntry.LF_NORMAL) {
          tar.write(e.body());
        }
        tar.closeArchiveEntry();
      }
    }
    return out;
  }

  /** Every live file of a container: path to body. */
  static Map<String, byte[]> files(Path container) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (DesReader r = DesReader.open(container); Stream<IndexEntry> s = r.entries()) {
      for (IndexEntry e : (Iterable<IndexEntry>) s::iterator) {
        if (!e.isDirectory() && !e.isDeleted()) {
          out.put(e.name(), r.getFile(e.name()));
        }
      }
    }
    return out;
  }

  /** Every entry's attributes, directories included. */
  static Map<String, EntryAttributes> attributes(Path container) throws IOException {
    Map<String, EntryAttributes> out = new LinkedHashMap<>();
    try (DesReader r = DesReader.open(container); Stream<IndexEntry> s = r.entries()) {
      s.filter(e -> !e.isDeleted()).forEach(e -> out.put(e.name(), e.attributes()));
    }
    return out;
  }
}
