package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.format.FpackIndex;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Imports what users already have into DES containers: FilePacker packs, DES containers (to
 * convert v1 to v2), tar archives (plain, gzip, bzip2, xz, zstd) and zip archives. The kind is
 * recognised from the first bytes, not the file name.
 *
 * <p>Archives are hostile input: names that are absolute, carry {@code ..}, backslashes or NUL,
 * links (whatever they point to), devices and duplicates are left out with a message (or fail the
 * import when {@link ImportOptions#strict()}), and {@link ImportOptions} bounds the entries, the
 * bytes written and the expansion ratio.
 *
 * <p>Stateless and thread-safe; each call uses the writer it is given from one thread.
 */
public final class Importers {
  private static final byte[] DES_MAGIC = {'D', 'E', 'S', 'H', 'E', 'A', 'D', '1'};

  private Importers() {}

  /**
   * Imports {@code source} into a new container at {@code container}, published atomically when
   * the import succeeds; on failure nothing is left behind.
   */
  public static ImportResult importFile(Path source, Path container, WriterOptions writerOptions,
      ImportOptions options) throws IOException {
    DesWriter w = DesWriter.create(container, writerOptions);
    ImportResult r;
    try {
      r = importFile(source, w, options);
    } catch (IOException | RuntimeException | Error e) {
      try {
        w.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    w.close();
    return r;
  }

  /** Adds the entries of {@code source} to an open writer, which the caller closes or aborts. */
  public static ImportResult importFile(Path source, DesWriter writer, ImportOptions options) throws IOException {
    return importFile(source, writer, options, position -> {});
  }

  /**
   * {@link #importFile(Path, DesWriter, ImportOptions)}, telling {@code progress} how many bytes of
   * {@code source} the import has got through: increasing positions up to the file's size (its
   * {@link Files#size}, the total), which is reported last when the import succeeds. Tar archives
   * report the bytes read from the file, zip archives each entry's end, containers and packs the
   * stored bytes copied; called on the importing thread.
   */
  public static ImportResult importFile(Path source, DesWriter writer, ImportOptions options, LongConsumer progress)
      throws IOException {
    InputProgress at = new InputProgress(Files.size(source), progress);
    ImportResult r = importKind(source, writer, options, at);
    at.finish();
    return r;
  }

  private static ImportResult importKind(Path source, DesWriter writer, ImportOptions options, InputProgress at)
      throws IOException {
    String name = source.toString();
    long size = Files.size(source);
    byte[] head;
    try (InputStream in = Files.newInputStream(source)) {
      head = in.readNBytes(8);
    }
    ImportSink sink = new ImportSink(writer, options, name, size);
    if (head.length == 8 && Arrays.equals(head, DES_MAGIC)) {
      return ContainerImporter.run(source, false, sink, options.keys(), at);
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && head[3] == head[2] + 1) {
      return ZipImporter.run(source, sink, at);
    }
    try (RangeSource s = RangeSources.file(source)) {
      if (FpackIndex.looksLikeFpack(s)) {
        return ContainerImporter.run(source, true, sink, null, at);
      }
    }
    try (BufferedInputStream in = new BufferedInputStream(at.counting(Files.newInputStream(source)), 1 << 16)) {
      return importTar(in, name, size, writer, options);
    }
  }

  /**
   * Streams a tar archive, plain or compressed, into an open writer. {@code archiveBytes} is the
   * size of the archive as stored, for the expansion ratio bound (pass 0 when unknown: the ratio is
   * then measured against one byte, so set {@link ImportOptions#maxRatio()} accordingly).
   */
  public static ImportResult importTar(InputStream archive, String name, long archiveBytes, DesWriter writer,
      ImportOptions options) throws IOException {
    BufferedInputStream in = archive instanceof BufferedInputStream b ? b : new BufferedInputStream(archive, 1 << 16);
    String compression = TarImporter.compression(in);
    BufferedInputStream plain = (BufferedInputStream) TarImporter.decompressed(in, compression, name);
    if (!TarImporter.looksLikeTar(plain)) {
      throw new CorruptContainerException(name, 0, null, "not a recognised archive: expected a DES container, a"
          + " FilePacker pack, a zip, or a tar (plain or compressed with gzip, bzip2, xz or zstd)"
          + (compression != null ? "; it is " + compression + "-compressed but holds no tar" : ""));
    }
    String format = compression == null ? "tar" : "tar+" + compression;
    return TarImporter.run(plain, format, new ImportSink(writer, options, name, archiveBytes), name);
  }
}
