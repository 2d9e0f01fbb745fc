package io.easystore.mutate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a container through the public reader and writer: every live directory (with its
 * attributes) and file (body streamed, never held whole; metadata; attributes) is copied into a
 * new container written with other {@link WriterOptions}. This is how a container changes key
 * (key rotation), gains or loses encryption, or changes codec or format. Deleted entries and dead
 * space are left behind, as by compaction.
 *
 * <p>Stateless and thread-safe; each call uses only its arguments.
 */
public final class Rewriter {
  private Rewriter() {}

  /** What a rewrite copied. */
  public record Result(long files, long directories, long bytes) {}

  /**
   * Copies every live entry of {@code source} into {@code target}, in index order. Closes neither;
   * on failure the caller aborts the writer.
   */
  public static Result copy(DesReader source, DesWriter target) throws IOException {
    long files = 0;
    long dirs = 0;
    long bytes = 0;
    try (DesReader.EntryCursor entries = source.liveEntries()) {
      IndexEntry e;
      while ((e = entries.next()) != null) {
        if (e.isDirectory()) {
          target.addDirectory(e.name(), e.attributes());
          dirs++;
          continue;
        }
        ObjectNode meta = userMeta(source.getMeta(e.name()));
        try (InputStream in = source.openStream(e.name())) {
          target.addFile(e.name(), in, meta, e.attributes());
        }
        files++;
        bytes += e.size();
      }
    }
    return new Result(files, dirs, bytes);
  }

  /**
   * Rewrites the local container {@code source}, read with {@code readerOptions}, into
   * {@code target}, written with {@code writerOptions}. The new container is written to a
   * temporary file beside {@code target} and renamed into place only when complete, so a failure
   * leaves {@code target} as it was. {@code target} may be {@code source} (a rewrite in place):
   * then the container's writer lock is held throughout, as by an updater, and readers that have
   * the old file open keep reading it.
   *
   * @throws ContainerLockedException if rewriting in place and an updater has the container open
   */
  public static Result rewrite(Path source, ReaderOptions readerOptions, Path target, WriterOptions writerOptions)
      throws IOException {
    return rewrite(source, readerOptions, target, writerOptions, n -> { }, w -> w);
  }

  /**
   * As {@link #rewrite(Path, ReaderOptions, Path, WriterOptions)}, telling {@code fileCount} how
   * many live files the source has before copying, and writing through {@code wrap} applied to the
   * new container's writer (to watch progress, say).
   */
  // "try": the writer lock is held by the try block and released by it, never referenced inside.
  @SuppressWarnings("try")
  public static Result rewrite(Path source, ReaderOptions readerOptions, Path target, WriterOptions writerOptions,
      java.util.function.LongConsumer fileCount, java.util.function.UnaryOperator<DesWriter> wrap) throws IOException {
    boolean inPlace = Files.exists(target) && Files.isSameFile(source, target);
    Closeable lock = null;
    if (inPlace) {
      Path abs = source.toAbsolutePath();
      lock = io.easystore.io.Location.of(abs.getParent()).lockWriter(abs.getFileName().toString()).orElse(null);
      if (lock == null) {
        throw new ContainerLockedException(source.toString());
      }
    }
    try (Closeable held = lock; DesReader r = DesReader.open(source, readerOptions)) {
      fileCount.accept(r.stats().liveEntries());
      DesWriter w = wrap.apply(DesWriter.create(target, writerOptions));
      Result result;
      try {
        result = copy(r, w);
      } catch (IOException | RuntimeException | Error e) {
        try {
          w.abort();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      w.close();
      return result;
    }
  }

  /** The caller's metadata without {@code "size"}, which every reader adds back. */
  private static ObjectNode userMeta(JsonNode meta) {
    if (!(meta instanceof ObjectNode o) || o.isEmpty()) {
      return null;
    }
    ObjectNode copy = o.deepCopy();
    copy.remove("size");
    return copy.isEmpty() ? null : copy;
  }
}
