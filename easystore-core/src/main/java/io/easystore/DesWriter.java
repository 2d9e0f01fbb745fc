package io.easystore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSources;
import io.easystore.json.ReferenceJson;
import io.easystore.write.ContainerWriters;
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
 * <p>Names are validated as the reference does (non-empty, at most 65,535 UTF-8 bytes, none of
 * {@code / \ : * ? " < > |}); a name added twice is refused with {@link IllegalArgumentException}
 * and leaves the writer usable.
 *
 * <p>Not thread-safe: one thread adds entries. The writer does not keep the caller's arrays or
 * metadata nodes after a call returns.
 */
public interface DesWriter extends Closeable {

  /** Creates a DES v1 container at {@code path} (written to a temporary file, then renamed). */
  static DesWriter create(Path path) throws IOException {
    return create(RangeSources.fileSink(path));
  }

  /** Creates a DES v1 container on any sink; the writer owns the sink. */
  static DesWriter create(ContainerSink sink) throws IOException {
    return ContainerWriters.v1(sink);
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
