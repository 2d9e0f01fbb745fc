package io.easystore.records;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * Appends records to an archive, buffering them into pages. Open one with
 * {@link RecordArchives#create} or {@link RecordArchives#openForAppend}.
 *
 * <p>A page is written when its entry stream reaches {@link WriterOptions#pageSize()}, when the
 * oldest buffered record reaches {@link WriterOptions#maxPageAge()} (also while no record arrives:
 * a timer writes it, so readers see a quiet stream's records within that age), on {@link #flush()}
 * and on {@link #close()}. Each page goes out in one write, so a crash loses at most the buffered
 * page and leaves a torn tail that readers report and {@link RecordArchives#repair} trims.
 *
 * <p>Thread-safe: methods are synchronized, so several threads may append to one writer; the age
 * timer (one shared daemon thread) takes the same lock to write an aged page. An I/O error the timer
 * hits is thrown by the writer's next call, with the records still buffered. The writer never keeps
 * a reference to arrays passed to it. Close the writer to write what is buffered; a process that
 * may be stopped by a signal does that in a shutdown hook (as {@code des records append} does).
 */
public interface RecordWriter extends Closeable, Flushable {

  /** The archive's name (path or sink name). */
  String name();

  /** The volume header's metadata. */
  ArchiveMetadata metadata();

  /** Appends {@code len} bytes of {@code record} from {@code off}; returns the record's bookmark. */
  Bookmark append(byte[] record, int off, int len) throws IOException;

  /** Appends a byte array. */
  default Bookmark append(byte[] record) throws IOException {
    return append(record, 0, record.length);
  }

  /** Appends a string as UTF-8. */
  default Bookmark append(String text) throws IOException {
    return append(RecordTypes.utf8().encode(text));
  }

  /** Appends any Jackson-serialisable object as compact JSON (default {@code ObjectMapper}). */
  default Bookmark appendJson(Object value) throws IOException {
    if (value == null) {
      throw new NullPointerException("value");
    }
    return append(RecordTypes.MAPPER.writeValueAsBytes(value));
  }

  /** Appends a value encoded by {@code type}. */
  default <T> Bookmark append(T value, RecordType<T> type) throws IOException {
    return append(type.encode(value));
  }

  /** Writes the buffered records (if any) as a page. Does not fsync; see {@link #sync()}. */
  @Override
  void flush() throws IOException;

  /**
   * Writes the buffered page if its oldest record has reached the maximum page age (by the
   * options' clock); the timer does the same on its own.
   */
  boolean flushIfDue() throws IOException;

  /** Flushes, then forces the file to stable storage. */
  void sync() throws IOException;

  /** Bytes written to the archive so far (the offset the next page will get). */
  long size();

  /** Flushes and closes; for a sink, publishes it. Idempotent. */
  @Override
  void close() throws IOException;
}
