package io.easystore.mutate;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.internal.updates.FileUpdater;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Changes an existing DES v2 container in place: add, replace, delete (a tombstone), rename and
 * make directories, then {@link #commit()} publishes all pending changes atomically. The cost of a
 * commit is proportional to the change (new bodies plus an index delta), not to the container.
 *
 * <p>Exactly one updater may be open on a container at a time, across processes: opening a
 * second one fails with {@link ContainerLockedException}. Readers in any thread or process keep
 * reading the committed state they opened, undisturbed (see docs/FORMAT.md, "DES v2 updates",
 * for the leases that guarantee it and their limits). A crash at any moment leaves the last
 * committed state, every committed body intact.
 *
 * <p>Not thread-safe: one thread drives an updater. Bodies passed in are copied or streamed
 * before the call returns; the updater keeps no reference to caller arrays or streams.
 *
 * <p>Paths are v2 entry paths: UTF-8, {@code /}-separated, relative, normalised (no empty,
 * {@code .} or {@code ..} segments). Directories are implicit parents of entries or explicit
 * entries made with {@link #createDirectory}.
 */
public interface DesUpdater extends Closeable {

  /**
   * Opens {@code container} for update, taking its writer lock (the lock file
   * {@code NAME.lock} beside it, see {@link io.easystore.internal.io.LockFiles}). An incomplete commit left
   * at the end by a crashed writer is cut off first.
   *
   * @throws ContainerLockedException if another updater, in this or another process, has it open
   * @throws java.nio.file.NoSuchFileException if it does not exist and {@code options.create()} is off
   */
  static DesUpdater open(java.nio.file.Path container, UpdateOptions options) throws IOException {
    return FileUpdater.open(container, options);
  }

  /** {@link #open(java.nio.file.Path, UpdateOptions)} with default options (the container must exist). */
  static DesUpdater open(java.nio.file.Path container) throws IOException {
    return open(container, UpdateOptions.defaults());
  }

  /**
   * Live and dead bytes of a container's last committed state, read without the writer lock (for
   * {@code des info}; an updater may be committing meanwhile).
   */
  static SpaceStats space(java.nio.file.Path container) throws IOException {
    try (io.easystore.io.RangeSource s = io.easystore.io.RangeSources.file(container)) {
      io.easystore.internal.updates.CommitState st = io.easystore.internal.updates.CommitState.locate(s,
          io.easystore.ReaderOptions.defaults(), true);
      return FileUpdater.spaceOf(st, st.committedEnd());
    }
  }

  /**
   * A reader over the committed state plus this updater's pending changes, as they stand now.
   * The returned view is a snapshot: later changes through this updater are not visible in it.
   * Closing it does not close the updater, and it stays readable after the updater is closed or
   * has committed (it has its own file handle and a lease on its generation); entries of a
   * transaction that was rolled back may then fail their checksum. Taking a view costs O(log n)
   * in the number of pending changes, not a copy of them.
   */
  DesReader view() throws IOException;

  /** Adds or replaces a file. {@code meta} and {@code attributes} may be null. */
  void put(String path, byte[] body, ObjectNode meta, EntryAttributes attributes) throws IOException;

  /** Adds or replaces a file with a body read from {@code body} to its end (the caller closes it). */
  void put(String path, InputStream body, ObjectNode meta, EntryAttributes attributes) throws IOException;

  /** Creates an explicit directory entry; fails if a file of that path exists. */
  void createDirectory(String path, EntryAttributes attributes) throws IOException;

  /**
   * Deletes a file, or an empty directory.
   *
   * @throws java.nio.file.NoSuchFileException if nothing of that path exists
   * @throws java.nio.file.DirectoryNotEmptyException for a directory with children
   */
  void delete(String path) throws IOException;

  /**
   * Renames a file or a directory (with everything below it) without copying bodies.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code to} exists and {@code replace} is false
   */
  void rename(String from, String to, boolean replace) throws IOException;

  /** Changes modification time and mode of an existing entry. */
  void setAttributes(String path, EntryAttributes attributes) throws IOException;

  /** Whether there are changes not yet committed. */
  boolean hasPendingChanges();

  /** Publishes every pending change atomically and durably. A no-op without pending changes. */
  void commit() throws IOException;

  /** Drops every pending change. */
  void rollback() throws IOException;

  /** Live and dead bytes, for {@code des info} and for deciding when to compact. */
  SpaceStats space() throws IOException;

  /**
   * Rewrites the container into a minimal one (only live entries, one index) and publishes it
   * atomically, without blocking readers that already have the file open. Pending changes are
   * committed first.
   */
  SpaceStats compact() throws IOException;

  /**
   * As {@link #compact()}, telling {@code liveEntries} how many entries will be copied, then
   * {@code copied} each one as it is (to show progress); both called on the caller's thread.
   */
  default SpaceStats compact(java.util.function.LongConsumer liveEntries, java.util.function.LongConsumer copied)
      throws IOException {
    return compact();
  }

  /** Releases the lock. Pending changes are rolled back unless the options say commit-on-close. */
  @Override
  void close() throws IOException;
}
