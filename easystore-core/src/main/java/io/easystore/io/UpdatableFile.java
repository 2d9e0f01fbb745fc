package io.easystore.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An existing container opened for in-place update ({@link Location#openForUpdate}): positional
 * reads and writes, durability barriers and truncation, the operations an updater's commit is made
 * of. A fault-injecting wrapper intercepts exactly these.
 *
 * <p>Thread-safe for positional reads from any thread; one updater thread writes.
 */
public interface UpdatableFile extends Closeable {

  /** The file's name for messages (its path). */
  String name();

  /** Reads at {@code position}; -1 at the end. */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes at {@code position}; returns the bytes written. */
  int write(ByteBuffer src, long position) throws IOException;

  /** The current length. */
  long size() throws IOException;

  /** Makes written data durable, with the file's metadata (length) when {@code metaData}. */
  void force(boolean metaData) throws IOException;

  /** Cuts the file to {@code length}. */
  void truncate(long length) throws IOException;

  /**
   * Positional reads of the first {@code size} bytes (fixed now, even if the file grows); closing
   * the view does not close the file.
   */
  default RangeSource view(long size) {
    return RangeSources.positional(name(), size, this::read);
  }
}
