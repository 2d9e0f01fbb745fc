package io.easystore.internal.common;

import java.nio.ByteBuffer;

/**
 * The bytes read from the end of the file at open, so later steps can avoid a request. Immutable;
 * the buffer is shared read-only and never written after open.
 */
public record Tail(long start, ByteBuffer bytes) {
  /** A read-only view of {@code [offset, offset + length)} if the tail holds all of it. */
  public ByteBuffer slice(long offset, long length) {
    if (offset < start || length > bytes.limit() || offset - start > bytes.limit() - length) {
      return null;
    }
    int from = (int) (offset - start);
    return bytes.duplicate().position(from).limit(from + (int) length).asReadOnlyBuffer();
  }
}
