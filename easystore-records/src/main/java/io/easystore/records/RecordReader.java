package io.easystore.records;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a record archive through a {@link io.easystore.io.RangeSource}: a local file, a mapping,
 * a byte array or a remote object. Open one with {@link RecordArchives#open}.
 *
 * <p>A reader sees the archive as it was when opened (the source's size is fixed); reopen to see
 * pages appended since. It is thread-safe: cursors and streams it hands out are independent, and
 * parallel streams read pages concurrently through positional reads. Values handed out belong to
 * the caller.
 */
public interface RecordReader extends Closeable {

  /** The archive's name (path or URL) as used in messages. */
  String name();

  /** The volume header's metadata. */
  ArchiveMetadata metadata();

  /** Where the first page starts. */
  long firstPageOffset();

  /** Bytes visible to this reader. */
  long size();

  /** A cursor from the first record. */
  default <T> RecordCursor<T> cursor(RecordType<T> type) throws IOException {
    return cursor(type, new Bookmark(firstPageOffset(), 0));
  }

  /**
   * A cursor starting at the record {@code from} names (inclusive). An index past the page's last
   * record starts at the next page.
   *
   * @throws CorruptPageException if {@code from} does not point at an intact page
   */
  <T> RecordCursor<T> cursor(RecordType<T> type, Bookmark from) throws IOException;

  /**
   * The record at {@code at}, or empty if its page has fewer records.
   *
   * @throws CorruptPageException if {@code at} does not point at an intact page
   */
  <T> Optional<Entry<T>> get(Bookmark at, RecordType<T> type) throws IOException;

  /** The records at several bookmarks, in bookmark order, reading each page once. */
  <T> List<Entry<T>> getAll(Collection<Bookmark> at, RecordType<T> type) throws IOException;

  /** Every intact page's header, in file order (reads headers only). */
  List<PageInfo> pages() throws IOException;

  /**
   * Cuts the archive into at most {@code parts} runs of whole pages of about equal stored size,
   * covering every page exactly once. Each range can be read independently, by another thread,
   * process or cluster task.
   */
  List<PageRange> split(int parts) throws IOException;

  /**
   * All records as a stream whose spliterator splits at page boundaries, so
   * {@code stream(type).parallel()} decodes pages on several threads with results identical to a
   * sequential read. Damage surfaces as {@link java.io.UncheckedIOException} wrapping a
   * {@link CorruptPageException} (unless skipped), a record the type cannot decode as one wrapping
   * a {@link RecordDecodeException} (never skipped). The page list is read when this is called.
   */
  <T> Stream<Entry<T>> stream(RecordType<T> type) throws IOException;

  /** The records of the pages in {@code range}, as {@link #stream(RecordType)}. */
  <T> Stream<Entry<T>> stream(RecordType<T> type, PageRange range) throws IOException;

  /** Page and record counts, sizes, times and damage, from the page headers. */
  ArchiveStats stats() throws IOException;
}
