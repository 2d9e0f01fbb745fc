package io.easystore;

import io.easystore.internal.container.ContainerWriters;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a DES container. Bodies are streamed to the sink as they are added, never held whole;
 * {@link #close()} writes the metadata, the index and the footer and publishes the container
 * atomically. Until then nothing is visible under the final name, and {@link #abort()} (or any
 * I/O failure while adding) discards everything.
 *
 * <p>DES v2 (the default) takes {@code /}-separated paths: UTF-8, relative, no empty, {@code .}
 * or {@code ..} segment, no NUL or backslash, at most 65,535 bytes. Parent directories are
 * recorded implicitly; {@link #addDirectory} records one explicitly (with attributes, or empty).
 * Bodies are compressed per {@link WriterOptions} and checksummed. DES v1 takes flat names,
 * validated as the reference does (non-empty, at most 65,535 UTF-8 bytes, none of
 * {@code / \ : * ? " < > |}), and stores bodies as given.
 *
 * <p>A name added twice is refused with {@link IllegalArgumentException} and leaves the writer
 * usable. (A v2 writer with more entries than it remembers in memory finds late duplicates when
 * it merges its index at {@link #close()}, which then fails with
 * {@link java.nio.file.FileAlreadyExistsException}.)
 *
 * <p>Not thread-safe: one thread adds entries. The writer does not keep the caller's arrays or
 * metadata nodes after a call returns.
 */
public interface DesWriter extends Closeable {

  /** Creates a DES v2 container at {@code path} with default options (written to a temporary file, then renamed). */
  static DesWriter create(Path path) throws IOException {
    return create(path, WriterOptions.defaults());
  }

  /** Creates a container at {@code path} (written to a temporary file, then renamed). */
  static DesWriter create(Path path, WriterOptions options) throws IOException {
    return create(RangeSources.fileSink(path), options);
  }

  /** Creates a DES v2 container with default options on any sink; the writer owns the sink. */
  static DesWriter create(ContainerSink sink) throws IOException {
    return create(sink, WriterOptions.defaults());
  }

  /** Creates a container on any sink; the writer owns the sink (and closes it if this fails). */
  static DesWriter create(ContainerSink sink, WriterOptions options) throws IOException {
    return ContainerWriters.create(sink, options);
  }

  /** Builds a metadata object from a map, keeping its iteration order. */
  static ObjectNode meta(Map<String, ?> map) {
    return ReferenceJson.fromMap(map);
  }

  /** Adds a body with empty metadata (which still records {@code "size"}). */
  default void addFile(String name, byte[] body) throws IOException {
    addFile(name, body, null);
  }

  /** Adds a body; {@code meta} may be null. */
  void addFile(String name, byte[] body, ObjectNode meta) throws IOException;

  /** Adds a body read to its end from {@code body}, which the caller still owns and closes. */
  void addFile(String name, InputStream body, ObjectNode meta) throws IOException;

  /** Adds the contents of a local file. */
  void addFile(String name, Path file, ObjectNode meta) throws IOException;

  /** Adds a body with attributes (stored by v2, ignored by v1); {@code meta} may be null. */
  default void addFile(String name, byte[] body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    addFile(name, body, meta);
  }

  /** Adds a body read to its end from {@code body}, with attributes (stored by v2, ignored by v1). */
  default void addFile(String name, InputStream body, ObjectNode meta, EntryAttributes attributes)
      throws IOException {
    addFile(name, body, meta);
  }

  /**
   * Adds a local file with attributes (stored by v2, ignored by v1); pass
   * {@link EntryAttributes#of(Path)} to keep its modification time and permissions.
   */
  default void addFile(String name, Path file, ObjectNode meta, EntryAttributes attributes) throws IOException {
    addFile(name, file, meta);
  }

  /**
   * Records a directory (v2), for example an empty one, or one whose attributes matter. Adding a
   * directory that entries already imply, or adding it twice, is allowed.
   *
   * @throws UnsupportedOperationException for v1, which has no directories
   */
  default void addDirectory(String path, EntryAttributes attributes) throws IOException {
    throw new UnsupportedOperationException("DES v1 has no directories; write format 2");
  }

  /** The DES format version being written. */
  default int formatVersion() {
    return 1;
  }

  /** Entries added so far. */
  long count();

  /** Bytes written to the sink so far. */
  long bytesWritten();

  /** Discards the container; later calls fail. Idempotent. */
  void abort() throws IOException;

  /** Finishes and publishes the container. After {@link #abort()} or a failure, it only cleans up. */
  @Override
  void close() throws IOException;
}
