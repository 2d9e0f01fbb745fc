package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import io.easystore.LimitExceededException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Imports a tar archive, plain or compressed (gzip, bzip2, xz, zstd: detected from the first
 * bytes), into an {@link ImportSink}: files with their modification time and mode, directories,
 * and a message for every link, device or unsafe name left out.
 *
 * <p>Two passes, as extraction semantics need the whole archive: the first reads the headers
 * ({@link TarPlan}), the second the bodies. A path that appears more than once gets its last body
 * (as {@code tar -x} leaves it), a hard link the body of its target. Every failure of the
 * compression and archive libraries becomes an {@link ArchiveReadException}. Stateless.
 */
final class TarImporter {
  private TarImporter() {}

  /** A name and link target decoded from their bytes, and a note when they had to be escaped. */
  record Names(String name, String link, String note) {}

  /** One open pass over the archive file. Not thread-safe. */
  record Opened(String archive, String format, Counting file, Counting plain, CheckedTarStream tar) implements Closeable {
    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** Counts the bytes read through it; optionally bounds the expansion of a compressed stream. */
  static final class Counting extends FilterInputStream {
    private long count;
    private final long archiveBytes;
    private final long maxRatio;
    private final String archive;

    Counting(InputStream in, String archive, long archiveBytes, long maxRatio) {
      super(in);
      this.archive = archive;
      this.archiveBytes = Math.max(1, archiveBytes);
      this.maxRatio = maxRatio;
    }

    long count() {
      return count;
    }

    private void add(long n) throws LimitExceededException {
      count += n;
      if (maxRatio > 0 && count > ImportOptions.RATIO_FLOOR && count / archiveBytes > maxRatio) {
        throw new LimitExceededException(archive, count, null, "expansion ratio (bytes of tar per byte of archive)",
            count / archiveBytes, maxRatio, "ImportOptions.withMaxRatio or des import --max-ratio");
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      if (s > 0) {
        add(s);
      }
      return s;
    }
  }

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
      throw new ArchiveReadException(archive, 0, null, -1, "cannot read its " + compression + " compression: "
          + ArchiveReadException.describe(e.getCause() != null ? e.getCause() : e), e);
    }
  }

  /** Opens {@code source} for one pass; fails with a clear message when it is no tar at all. */
  static Opened open(Path source, String archive, long size, long maxRatio) throws IOException {
    Counting file = new Counting(Files.newInputStream(source), archive, size, 0);
    try {
      BufferedInputStream in = new BufferedInputStream(file, 1 << 16);
      String compression = compression(in);
      BufferedInputStream plain;
      try {
        plain = (BufferedInputStream) decompressed(in, compression, archive);
        if (!looksLikeTar(plain)) {
          throw new CorruptContainerException(archive, 0, null, "not a recognised archive: expected a DES container,"
              + " a FilePacker pack, a zip, or a tar (plain or compressed with gzip, bzip2, xz or zstd)"
              + (compression != null ? "; it is " + compression + "-compressed but holds no tar" : ""));
        }
      } catch (IOException | RuntimeException e) {
        throw GuardedInput.wrap(e, archive, null, 0, compression == null ? -1 : file.count());
      }
      Counting counted = new Counting(plain, archive, size, compression == null ? 0 : maxRatio);
      return new Opened(archive, compression == null ? "tar" : "tar+" + compression, file, counted,
          new CheckedTarStream(counted, archive));
    } catch (IOException | RuntimeException | Error e) {
      file.close();
      throw e;
    }
  }

  /** The next entry, or null at the end; every library failure typed. */
  static TarArchiveEntry next(Opened in) throws IOException {
    try {
      return in.tar().getNextEntry();
    } catch (IOException | RuntimeException e) {
      // commons-compress reports some malformed headers with unchecked exceptions. A failure here is
      // most often while skipping the body of the entry before.
      TarArchiveEntry before = in.tar().getCurrentEntry();
      String entry = before == null ? null : RawNames.utf8(RawNames.latin1(before.getName())).name();
      throw GuardedInput.wrap(e, in.archive(), entry, in.tar().getBytesRead(), compressedOffset(in));
    }
  }

  private static long compressedOffset(Opened in) {
    return in.format().equals("tar") ? -1 : in.file().count();
  }

  /** Decodes the entry's name and link target from their bytes (PAX values when present). */
  static Names names(Opened in, TarArchiveEntry e) throws IOException {
    byte[] pax = in.tar().takePax();
    byte[] rawName = pax.length > 0 ? RawNames.paxValue(pax, "path") : null;
    byte[] rawLink = pax.length > 0 ? RawNames.paxValue(pax, "linkpath") : null;
    RawNames.Decoded name = RawNames.utf8(rawName != null ? rawName : RawNames.latin1(e.getName()));
    String link = null;
    String note = name.note();
    if (e.isLink() || e.isSymbolicLink()) {
      RawNames.Decoded l = RawNames.utf8(rawLink != null ? rawLink : RawNames.latin1(e.getLinkName()));
      link = l.name();
      if (note == null && l.note() != null) {
        note = "has a link target that is not valid UTF-8; read as '" + l.name() + "'";
      }
    }
    String n = name.name();
    if (e.isDirectory() && rawName != null && !n.endsWith("/")) {
      n = n + "/";
    }
    return new Names(n, link, note);
  }

  /**
   * Imports the tar file {@code source}: a pass over the headers, then one over the bodies, telling
   * {@code progress} the bytes of the file the second pass has read before each entry.
   */
  static ImportResult run(Path source, String archive, long size, ImportSink sink, ImportOptions options,
      java.util.function.LongConsumer progress) throws IOException {
    TarPlan plan;
    try (Opened in = open(source, archive, size, options.maxRatio())) {
      plan = TarPlan.scan(in, options);
    }
    Path spoolDir = null;
    try (Opened in = open(source, archive, size, options.maxRatio())) {
      Map<Integer, Path> spooled = new HashMap<>();
      for (int index = 0; ; index++) {
        progress.accept(in.file().count());
        TarArchiveEntry e = next(in);
        if (e == null) {
          return sink.result(in.format());
        }
        sink.countEntry();
        Names n = names(in, e);
        if (n.note() != null) {
          sink.note(n.name(), n.note());
        }
        if (e.isSymbolicLink()) {
          sink.skipLink(n.name(), n.link(), false);
          continue;
        }
        if (e.isDirectory()) {
          String path = sink.accept(n.name(), true);
          if (path != null) {
            sink.directory(n.name(), path, attributes(e));
          }
          continue;
        }
        if (e.isLink()) {
          Integer src = plan.linkSource(index);
          if (src == null || !spooled.containsKey(src)) {
            sink.skipLink(n.name(), n.link(), true);
            continue;
          }
          String path = sink.accept(n.name(), false);
          if (path != null && keep(sink, plan, path, index, n.name())) {
            try (InputStream body = Files.newInputStream(spooled.get(src))) {
              sink.file(n.name(), path, body, attributes(e), null);
            }
          }
          continue;
        }
        if (!e.isFile() || e.isSparse() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
          sink.skip(n.name(), "is a " + kind(e) + " (only files and directories are imported)");
          continue;
        }
        String path = sink.accept(n.name(), false);
        boolean keep = path != null && keep(sink, plan, path, index, n.name());
        InputStream body = new GuardedInput(in.tar(), archive, path != null ? path : n.name(),
            () -> in.tar().getBytesRead(), () -> compressedOffset(in));
        if (plan.spool(index)) {
          if (spoolDir == null) {
            spoolDir = Files.createTempDirectory("des-import-links");
          }
          Path copy = spoolDir.resolve(Integer.toString(index));
          io.easystore.internal.io.TempFiles.register(copy);
          try (OutputStream out = Files.newOutputStream(copy)) {
            body.transferTo(out);
          }
          spooled.put(index, copy);
          body = Files.newInputStream(copy);
        }
        try (InputStream b = body) {
          if (keep) {
            sink.file(n.name(), path, b, attributes(e), null);
          }
        } catch (RuntimeException ex) {
          throw GuardedInput.wrap(ex, archive, path, in.tar().getBytesRead(), compressedOffset(in));
        }
      }
    } finally {
      if (spoolDir != null) {
        deleteTree(spoolDir);
      }
    }
  }

  /** Whether this entry's body is the one {@code path} keeps; if not, says so (or fails when strict). */
  private static boolean keep(ImportSink sink, TarPlan plan, String path, int index, String rawName)
      throws CorruptContainerException {
    if (plan.isLast(path, index)) {
      return true;
    }
    sink.superseded(rawName);
    return false;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        io.easystore.internal.io.TempFiles.discard(p);
      }
    }
    Files.deleteIfExists(dir);
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
