package io.easystore.records;

import java.io.IOException;

/**
 * A forward-only position in an archive. Not thread-safe: one thread owns a cursor (use
 * {@link RecordReader#stream} or {@link RecordReader#split} for parallel work).
 *
 * <pre>{@code
 * RecordCursor<String> c = reader.cursor(RecordTypes.utf8(), from);
 * while (c.next()) {
 *   use(c.current().bookmark(), c.current().value());
 * }
 * }</pre>
 *
 * @param <T> the record type
 */
public interface RecordCursor<T> {

  /**
   * Moves to the next record.
   *
   * @return {@code false} at the end of the archive (or of a tolerated torn tail)
   * @throws CorruptPageException for damage, unless the reader skips it; {@link TornTailException}
   *     after the last complete page when the tail is incomplete and not tolerated;
   *     {@link RecordDecodeException} when an intact record does not decode as this cursor's type
   *     (never skipped)
   */
  boolean next() throws IOException;

  /** The record {@link #next()} moved to. */
  Entry<T> current();
}
