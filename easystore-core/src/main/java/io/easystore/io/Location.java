package io.easystore.io;

import io.easystore.internal.io.SiblingKeys;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory of containers: a local directory, an HTTP(S) base URL, an S3 bucket prefix. It is
 * the one storage seam (like Lucene's {@code Directory} or Okio's {@code FileSystem}): every byte
 * EasyStore reads comes from a {@link RangeSource} it opens, and every byte it writes goes through a
 * {@link ContainerSink} it creates, so a wrapper can count, fail or tear reads, writes, syncs and
 * renames in one place.
 *
 * <p>Names are relative keys by the {@link SiblingKeys} rule ({@code a.des}, {@code sub/b.des}),
 * so they never leave the location. Capabilities a kind of storage lacks (writing over HTTP,
 * locks on S3) throw {@link UnsupportedStorageException} saying "not supported".
 *
 * <p>Implementations are thread-safe; the sources, sinks, locks and leases they hand out follow
 * their own thread-safety rules.
 */
public interface Location {

  /** The directory, URL or prefix, for messages. */
  String name();

  /** Opens {@code name} for reading; the caller closes the source. */
  RangeSource open(String name) throws IOException;

  /**
   * A sink for a new container {@code name}: nothing is visible under the name until
   * {@link ContainerSink#publish()} succeeds, and closing without publishing leaves nothing.
   */
  ContainerSink create(String name) throws IOException;

  /**
   * Opens the existing container {@code name} for in-place update (an updater's positional writes,
   * syncs and truncation); the caller closes it.
   *
   * @throws UnsupportedStorageException where objects cannot be changed in place (HTTP, S3)
   */
  default UpdatableFile openForUpdate(String name) throws IOException {
    throw new UnsupportedStorageException(name() + " (" + name + "): updating in place is not supported on this storage");
  }

  /** The location {@code relative} (a {@link SiblingKeys} key) below this one. */
  Location resolve(String relative) throws IOException;

  /** The enclosing location, or empty at a root (a file system root, a bucket, a host). */
  Optional<Location> parent();

  /** The local directory, if this location is one. */
  default Optional<Path> localPath() {
    return Optional.empty();
  }

  /**
   * Takes the exclusive writer lock of container {@code name} (an updater's), held until the
   * returned handle is closed; empty when another writer, in this process or another, holds it.
   *
   * @throws UnsupportedStorageException where the storage has no locks
   */
  default Optional<Closeable> lockWriter(String name) throws IOException {
    throw new UnsupportedStorageException(name() + " (" + name + "): writer locks are not supported on this storage");
  }

  /**
   * Takes a reader lease on generation {@code generation} of container {@code name}, which keeps an
   * updater from reusing the space that generation still uses until the handle is closed. The
   * handle does nothing when the container was never opened for update (no lock file). Empty when
   * the writer may already have reused that generation's space: the reader must open the newest
   * state instead.
   *
   * @throws UnsupportedStorageException where the storage has no locks
   */
  default Optional<Closeable> lease(String name, long generation) throws IOException {
    throw new UnsupportedStorageException(name() + " (" + name + "): reader leases are not supported on this storage");
  }

  /**
   * Publishes the finished, closed object {@code temp} as {@code name}, both in this location, by
   * the one durability rule: force {@code temp}, rename it atomically over {@code name}, force the
   * directory. There is no non-atomic fallback.
   *
   * @throws NonAtomicStorageException if the storage cannot rename atomically (it names the file system)
   * @throws UnsupportedStorageException where the storage has no rename
   */
  default void publish(String temp, String name) throws IOException {
    throw new UnsupportedStorageException(name() + " (" + name + "): publishing by rename is not supported on this storage");
  }

  /** The local directory {@code dir}. */
  static Location of(Path dir) {
    return new LocalLocation(dir);
  }
}
