package io.easystore.archive;

import io.easystore.CorruptContainerException;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.internal.fpack.FpackIndex;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    return TarImporter.run(source, name, size, sink, options, at::at);
  }

  /**
   * Imports a tar archive, plain or compressed, read from a stream into an open writer. The
   * stream is first copied to a temporary file (at most {@link ImportOptions#maxBytes()} bytes),
   * as the import reads the archive twice: once for its headers, so that a path appearing more
   * than once gets its last body and a hard link its target's body, as {@code tar -x} does.
   * {@code archiveBytes} is the size of the archive as stored, for the expansion ratio bound
   * (pass 0 when unknown: the size of the copy is used).
   */
  public static ImportResult importTar(InputStream archive, String name, long archiveBytes, DesWriter writer,
      ImportOptions options) throws IOException {
    // Registered, so that Ctrl-C or SIGTERM during the import removes the copy too.
    Path copy = io.easystore.internal.io.TempFiles.createScratch(null, "des-import", ".tar");
    try {
      long copied;
      try (OutputStream out = Files.newOutputStream(copy)) {
        copied = archive.transferTo(new LimitedOutput(out, options.maxBytes(), name));
      }
      long size = archiveBytes > 0 ? archiveBytes : copied;
      return TarImporter.run(copy, name, size, new ImportSink(writer, options, name, size), options, p -> { });
    } finally {
      io.easystore.internal.io.TempFiles.discard(copy);
    }
  }

  /** Stops copying a stream once it passes the bytes limit. */
  private static final class LimitedOutput extends java.io.FilterOutputStream {
    private final long limit;
    private final String name;
    private long count;

    LimitedOutput(OutputStream out, long limit, String name) {
      super(out);
      this.limit = limit;
      this.name = name;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > limit) {
        throw new io.easystore.LimitExceededException(name, CorruptContainerException.NO_OFFSET, null,
            "archive size", count, limit, "ImportOptions.withMaxBytes or des import --max-bytes");
      }
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
