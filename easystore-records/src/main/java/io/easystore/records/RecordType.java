package io.easystore.records;

import java.io.IOException;

/**
 * How one kind of value becomes record bytes and back. {@link RecordTypes} has the standard ones
 * (bytes, UTF-8 text, JSON through Jackson, log messages).
 *
 * <p>Implementations must be thread-safe (parallel scans share one instance). {@link #decode}
 * reads {@code len} bytes of {@code buf} from {@code off} during the call only; it must copy what
 * it keeps, because the array is the reader's page buffer.
 *
 * @param <T> the value type
 */
public interface RecordType<T> {

  /** The bytes to store for {@code value}; the writer does not keep the array. */
  byte[] encode(T value) throws IOException;

  /**
   * Rebuilds a value.
   *
   * @throws IOException if the bytes are not a valid value of this type; the reader reports it as
   *     a {@link RecordDecodeException} naming the record's bookmark (not as damage: the page is
   *     intact, and readers that skip damaged pages do not skip it)
   */
  T decode(byte[] buf, int off, int len) throws IOException;
}
