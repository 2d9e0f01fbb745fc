package io.easystore.internal.updates;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codecs;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.Location;
import io.easystore.internal.io.LockFiles;
import io.easystore.io.RangeSources;
import io.easystore.mutate.ContainerLockedException;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.SpaceStats;
import io.easystore.mutate.UpdateOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The in-place updater of a local DES v2 container (see {@link DesUpdater}). Namespace rules
 * (parents, directories, renames) live here; placement of bodies in {@link Txn} and
 * {@link BodyWriter}; publishing in {@link Committer}; rewriting in {@link Compactor}.
 *
 * <p>Not thread-safe: one thread drives it (the interface's contract).
 */
public final class FileUpdater implements DesUpdater {
  private final Path path;
  private final UpdateOptions options;
  private final ReaderOptions readerOptions = ReaderOptions.defaults();
  private final Closeable writerLock;
  private final ContainerFile file;
  private final Txn txn;
  private final BodyWriter bodies;
  private final Namespace names;
  private long files;
  private long dirs;
  private long original;
  private long stored;
  private boolean broken;
  private boolean closed;

  private FileUpdater(Path path, UpdateOptions options, Closeable writerLock, ContainerFile file, CommitState state,
      long protectedEnd) {
    this.path = path;
    this.options = options;
    this.writerLock = writerLock;
    this.file = file;
    this.txn = new Txn(file, path, state, protectedEnd);
    CodecId c = options.writerOptions().codec();
    this.bodies = new BodyWriter(file, txn, c == CodecId.NONE ? Codecs.none() : Codecs.of(c,
        options.writerOptions().level()), state.checksumKind());
    this.names = new Namespace(this);
    resetTotals(state);
  }

  public static DesUpdater open(Path container, UpdateOptions options) throws IOException {
    Path abs = container.toAbsolutePath();
    return open(Location.of(abs.getParent()), abs.getFileName().toString(), container, options);
  }

  /**
   * The updater of {@code name} in the local directory {@code dir}, whose in-place writes, syncs,
   * truncations, lock and compaction publish go through {@code dir}: the seam fault-injecting tests
   * use ({@code io.easystore.testing.MockLocation}). Not public API.
   */
  static DesUpdater open(Location dir, String name, UpdateOptions options) throws IOException {
    Path local = dir.localPath().orElseThrow(() -> new io.easystore.io.UnsupportedStorageException(
        dir.name() + " (" + name + "): updating in place needs a local directory"));
    return open(dir, name, local.resolve(name), options);
  }

  private static DesUpdater open(Location dir, String name, Path container, UpdateOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    boolean created = false;
    Closeable lock = dir.lockWriter(name).orElse(null);
    if (lock == null) {
      throw new ContainerLockedException(container.toString());
    }
    ContainerFile file = null;
    try {
      if (!Files.exists(container)) {
        if (!options.create()) {
          throw new NoSuchFileException(container.toString(), null, "no such container");
        }
        DesWriter.create(container, options.writerOptions()).close();
        created = true;
      }
      Files.deleteIfExists(Compactor.tempOf(container));
      file = new ContainerFile(dir, name, container);
      CommitState st = Compactor.locateForUpdate(file, ReaderOptions.defaults());
      if (st.tornTail()) {
        // An incomplete commit of an earlier writer: cut it off before writing anything.
        file.truncate(st.committedEnd());
      }
      // Readers of a container never updated in place hold no lease (only readers of an updated one
      // take one, creating the lock file if need be): what they may read (everything written so
      // far) is never reused; compaction reclaims it.
      boolean firstUpdate = st.record() == null;
      long protect = firstUpdate && !created ? st.committedEnd() : 0;
      return new FileUpdater(container, options, lock, file, st, protect);
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (file != null) {
          file.close();
        }
      } finally {
        lock.close();
      }
      throw e;
    }
  }

  private void resetTotals(CommitState st) {
    files = st.liveFiles();
    dirs = st.directories();
    original = st.originalBytes();
    stored = st.storedBytes();
  }

  CommitState state() {
    return txn.state();
  }

  Txn txn() {
    return txn;
  }

  ContainerFile file() {
    return file;
  }

  ReaderOptions readerOptions() {
    return readerOptions;
  }

  /** Adjusts the totals for {@code old} (may be null) giving way to {@code now} (may be a tombstone). */
  void count(Namespace.Current old, DeltaEntry now) {
    if (old != null) {
      if (old.isDirectory()) {
        dirs--;
      } else {
        files--;
        original -= old.size();
        stored -= old.inlineStoredLength();
      }
    }
    if (now != null && !now.isTombstone()) {
      if (now.isDirectory()) {
        dirs++;
      } else {
        files++;
        original += now.originalLength();
        stored += (now.flags() & io.easystore.IndexEntry.EXTERNAL) != 0 ? 0 : now.storedLength();
      }
    }
  }

  private void check() throws IOException {
    if (closed) {
      throw new IOException(path + ": updater is closed");
    }
    if (broken) {
      throw new IOException(path + ": an earlier commit failed part-way; close this updater and open a new one "
          + "(the container holds its last committed state)");
    }
  }

  static byte[] json(String path, ObjectNode meta) {
    if (meta == null || meta.isEmpty()) {
      return null;
    }
    try {
      return ReferenceJson.MAPPER.writeValueAsBytes(meta);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata of '" + path + "' cannot be written as JSON", e);
    }
  }

  @Override
  public DesReader view() throws IOException {
    check();
    CommitState st = txn.state();
    Closeable lease = LockFiles.lease(path, st.generation());
    io.easystore.io.RangeSource source = RangeSources.file(path);
    return st.reader(source, readerOptions, txn.staging.snapshot(), lease == LockFiles.NO_LEASE ? null : lease);
  }

  @Override
  public void put(String path, byte[] body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    Objects.requireNonNull(body, "body");
    check();
    byte[] key = names.prepareFile(path);
    EntryAttributes a = attributes == null ? EntryAttributes.NONE : attributes;
    names.replaceFile(path, key, bodies.write(key, body, 0, body.length, a, json(path, meta)));
  }

  @Override
  public void put(String path, InputStream body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    Objects.requireNonNull(body, "body");
    check();
    byte[] key = names.prepareFile(path);
    EntryAttributes a = attributes == null ? EntryAttributes.NONE : attributes;
    names.replaceFile(path, key, bodies.write(key, body, a, json(path, meta)));
  }

  @Override
  public void createDirectory(String path, EntryAttributes attributes) throws IOException {
    check();
    names.createDirectory(path, attributes == null ? EntryAttributes.NONE : attributes);
  }

  @Override
  public void delete(String path) throws IOException {
    check();
    names.delete(path);
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    check();
    names.rename(from, to, replace);
  }

  @Override
  public void setAttributes(String path, EntryAttributes attributes) throws IOException {
    check();
    names.setAttributes(path, attributes == null ? EntryAttributes.NONE : attributes);
  }

  @Override
  public boolean hasPendingChanges() {
    return txn.staging.isDirty();
  }

  @Override
  public void commit() throws IOException {
    check();
    if (!txn.staging.isDirty()) {
      if (txn.appendPos() > txn.state().committedEnd()) {
        txn.rollback();
      }
      return;
    }
    CommitState next;
    try {
      next = Committer.commit(txn, file, new Committer.Totals(files, dirs, original, stored),
          options.writerOptions(), readerOptions);
    } catch (IOException | RuntimeException | Error e) {
      broken = true;
      throw e;
    }
    txn.reset(next);
    names.committed(next);
  }

  @Override
  public void rollback() throws IOException {
    check();
    try {
      txn.rollback();
    } catch (IOException | RuntimeException e) {
      broken = true;
      throw e;
    }
    resetTotals(txn.state());
    names.committed(txn.state());
  }

  @Override
  public SpaceStats space() throws IOException {
    check();
    return spaceOf(txn.state(), file.size());
  }

  public static SpaceStats spaceOf(CommitState st, long fileSize) {
    return new SpaceStats(fileSize, st.storedBytes(), st.deadBytes(), st.liveFiles() + st.directories(),
        st.deltaCount());
  }

  @Override
  public SpaceStats compact() throws IOException {
    return compact(n -> { }, n -> { });
  }

  @Override
  public SpaceStats compact(java.util.function.LongConsumer liveEntries, java.util.function.LongConsumer copied)
      throws IOException {
    commit();
    CommitState next;
    try {
      liveEntries.accept(txn.state().liveFiles() + txn.state().directories());
      next = Compactor.compact(file, txn.state(), options.writerOptions(), readerOptions,
          options.compactionBytesPerSecond(), copied);
    } catch (IOException | RuntimeException | Error e) {
      // The container still holds its last committed state; only our view of the file may be stale.
      broken = true;
      throw e;
    }
    txn.anchorIs(next.anchor());
    txn.compacted(next);
    names.committed(next);
    resetTotals(next);
    return space();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    IOException failure = null;
    try {
      if (!broken) {
        if (options.commitOnClose()) {
          commit();
        } else {
          txn.rollback();
        }
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      closed = true;
      try {
        txn.close();
        file.close();
      } catch (IOException e) {
        failure = add(failure, e);
      } finally {
        try {
          writerLock.close();
        } catch (IOException e) {
          failure = add(failure, e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  static FileSystemException isDirectory(String path) {
    return new FileSystemException(path, null, "is a directory");
  }

  static NoSuchFileException missing(String path) {
    return new NoSuchFileException(path);
  }

  static FileAlreadyExistsException exists(String path) {
    return new FileAlreadyExistsException(path);
  }

  static DirectoryNotEmptyException notEmpty(String path) {
    return new DirectoryNotEmptyException(path);
  }

  static NotDirectoryException notDirectory(String path) {
    return new NotDirectoryException(path);
  }

  IndexEntry committedEntry(String path) throws IOException {
    return names.committedEntry(path);
  }
}
