package io.easystore.io;

import io.easystore.internal.io.SiblingKeys;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Random-access, read-only bytes of one container: a local file, a mapped file, a byte array, an
 * HTTP resource or an object in an S3-compatible store.
 *
 * <p>Every read is positional, so one source serves any number of threads at once without a
 * global lock. Implementations must be thread-safe. The caller owns the destination buffers; a
 * source never keeps a reference to them after a call returns.
 *
 * <p>Readers of the container format validate offsets and lengths against {@link #size()} before
 * they call {@link #readFully}, so a source only needs to report a short read honestly.
 */
public interface RangeSource extends Closeable {

  /** A short, human-readable name for messages: a path, a URL or {@code s3://bucket/key}. */
  String name();

  /** The total length in bytes, fixed for the life of this source. */
  long size() throws IOException;

  /**
   * Reads up to {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
   *
   * @return the number of bytes read, which may be fewer than requested (never 0 unless
   *     {@code dst} has no room), or -1 if {@code position >= size()}
   */
  int read(long position, ByteBuffer dst) throws IOException;

  /**
   * Fills {@code dst} from {@code position}, looping over short reads.
   *
   * @throws EOFException if the source ends first
   */
  default void readFully(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    long pos = position;
    while (dst.hasRemaining()) {
      int n = read(pos, dst);
      if (n < 0) {
        throw new EOFException(name() + ": unexpected end of data at offset " + pos
            + " (wanted " + dst.remaining() + " more bytes)");
      }
      pos += n;
    }
  }

  /** Reads exactly {@code length} bytes at {@code position} into a new array. */
  default byte[] readFully(long position, int length) throws IOException {
    byte[] out = new byte[length];
    readFully(position, ByteBuffer.wrap(out));
    return out;
  }

  /**
   * Says that a pass over the whole container begins ({@code true}) or ends ({@code false}):
   * verify, a full listing, an export. Calls nest (each begin is paired with an end). Remote
   * sources then read ahead in growing windows, so such a pass costs requests in proportion to its
   * bytes rather than one per page or body; other sources ignore it. Thread-safe.
   */
  default void scanning(boolean begin) {}

  /**
   * Opens the sibling object {@code relativeKey} (an external body): a file in this container's
   * directory, an object under the same bucket prefix, a URL resolved against this one. The key
   * must satisfy {@link SiblingKeys}; implementations check it again and never open anything
   * outside the container's directory or prefix. The caller owns and closes the returned source.
   *
   * @throws IOException if this kind of source has no siblings, or the sibling cannot be opened
   *     ({@link java.nio.file.NoSuchFileException} when it does not exist)
   * @throws IllegalArgumentException if the key breaks the {@link SiblingKeys} rule
   */
  default RangeSource sibling(String relativeKey) throws IOException {
    SiblingKeys.check(relativeKey);
    throw new IOException(name() + ": this source cannot open sibling objects (external bodies)");
  }

  /**
   * The local file these bytes come from, if any. Readers use it for what only a local file
   * offers: recovery from an incomplete commit at the end (the header's update anchor), leases
   * that keep an updater from reusing space this reader still needs, and lock files. Wrappers
   * ({@link ForwardingRangeSource}) pass it through, so wrapping a local source keeps all of that;
   * a wrapper that changes the bytes must return empty.
   */
  default Optional<Path> localPath() {
    return Optional.empty();
  }

  /**
   * The request counters of a remote source (through any wrappers), or empty for a local or
   * in-memory one.
   */
  default Optional<RequestStats.Snapshot> requestStats() {
    return Optional.empty();
  }

  /**
   * Where a remote source's object lives and which version it is pinned to (through any
   * wrappers), or empty for a local or in-memory one. Caches key blocks by it.
   */
  default Optional<RemoteInfo> remote() {
    return Optional.empty();
  }
}
