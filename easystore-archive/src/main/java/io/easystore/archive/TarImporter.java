package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Streams a tar archive, plain or compressed (gzip, bzip2, xz, zstd: detected from the first
 * bytes), into an {@link ImportSink}: files with their modification time and mode, directories,
 * and a message for every link, device or unsafe name left out. Stateless.
 */
final class TarImporter {
  private TarImporter() {}

  /** The compressor name commons-compress detects at the start of {@code in}, or null for none. */
  static String compression(BufferedInputStream in) {
    try {
      return CompressorStreamFactory.detect(in);
    } catch (CompressorException e) {
      return null;
    }
  }

  /** Whether {@code in}, decompressed, starts with a tar header. */
  static boolean looksLikeTar(BufferedInputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    return head.length == 512 && TarArchiveInputStream.matches(head, head.length);
  }

  static InputStream decompressed(BufferedInputStream in, String compression, String archive) throws IOException {
    if (compression == null) {
      return in;
    }
    try {
      return new BufferedInputStream(new CompressorStreamFactory(true).createCompressorInputStream(compression, in));
    } catch (CompressorException e) {
      throw new CorruptContainerException(archive, 0, null, "cannot read its " + compression + " compression: "
          + e.getMessage(), e);
    }
  }

  static ImportResult run(InputStream plain, String format, ImportSink sink, String archive) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(plain);
    while (true) {
      TarArchiveEntry e;
      try {
        e = tar.getNextEntry();
      } catch (RuntimeException ex) {
        // commons-compress reports some malformed headers with unchecked exceptions.
        throw new CorruptContainerException(archive, tar.getBytesRead(), null, "malformed tar header: " + ex, ex);
      } catch (IOException ex) {
        if (ex instanceof CorruptContainerException c) {
          throw c;
        }
        throw new CorruptContainerException(archive, tar.getBytesRead(), null, "malformed tar: " + ex.getMessage(), ex);
      }
      if (e == null) {
        break;
      }
      sink.countEntry();
      String raw = e.getName();
      if (e.isSymbolicLink() || e.isLink()) {
        sink.skipLink(raw, e.getLinkName(), e.isLink());
        continue;
      }
      if (e.isDirectory()) {
        String path = sink.accept(raw);
        if (path != null) {
          sink.directory(raw, path, attributes(e));
        }
        continue;
      }
      if (!e.isFile() || e.isSparse() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
        sink.skip(raw, "is a " + kind(e) + " (only files and directories are imported)");
        continue;
      }
      String path = sink.accept(raw);
      if (path != null) {
        try {
          sink.file(raw, path, tar, attributes(e), null);
        } catch (RuntimeException ex) {
          throw new CorruptContainerException(archive, tar.getBytesRead(), path, "malformed tar entry: " + ex, ex);
        }
      }
    }
    return sink.result(format);
  }

  private static String kind(TarArchiveEntry e) {
    if (e.isCharacterDevice()) {
      return "character device";
    }
    if (e.isBlockDevice()) {
      return "block device";
    }
    if (e.isFIFO()) {
      return "FIFO";
    }
    if (e.isSparse()) {
      return "sparse file";
    }
    return "special entry";
  }

  static EntryAttributes attributes(TarArchiveEntry e) {
    long mtime = e.getLastModifiedTime() == null ? EntryAttributes.NO_MTIME : e.getLastModifiedTime().toMillis();
    return new EntryAttributes(mtime, e.getMode() & 07777);
  }
}
