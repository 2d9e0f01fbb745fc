package io.easystore.internal.updates;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.Arrays;

/**
 * The namespace rules of an updater over the merged state (committed layers plus staged
 * changes): parents are created as needed and must be directories, a file never replaces a
 * directory, only empty directories are deleted, renames move whole subtrees without copying
 * bodies. Each change also says what space the commit may free: the replaced body, and a
 * metadata record of the base container (delta segments' records are freed with their segment).
 *
 * <p>Not thread-safe: the updater's thread owns it.
 */
final class Namespace {
  private final FileUpdater u;
  private DesReader committed;
  private String lastParentOk;

  Namespace(FileUpdater u) {
    this.u = u;
    committed(u.state());
  }

  /** The newest version of a path: staged, or committed. */
  record Current(String path, DeltaEntry staged, IndexEntry committed) {
    boolean isDirectory() {
      return staged != null ? staged.isDirectory() : committed.isDirectory();
    }

    long size() {
      return staged != null ? staged.originalLength() : committed.size();
    }

    long storedLength() {
      return staged != null ? staged.storedLength() : committed.storedLength();
    }

    /** Bytes of the body inside the container: 0 for an external body, which lives in a sibling. */
    long inlineStoredLength() {
      int flags = staged != null ? staged.flags() : committed.flags();
      return (flags & IndexEntry.EXTERNAL) != 0 ? 0 : storedLength();
    }
  }

  void committed(CommitState st) {
    committed = st.reader(u.file().source(st.committedEnd()), u.readerOptions(), null, null);
    lastParentOk = null;
  }

  IndexEntry committedEntry(String path) throws IOException {
    return committed.exists(path) ? committed.entry(path) : null;
  }

  private Current current(String path, byte[] key) throws IOException {
    DeltaEntry s = u.txn().staging.get(key);
    if (s != null) {
      return s.isTombstone() ? null : new Current(path, s, null);
    }
    IndexEntry e = committedEntry(path);
    return e == null ? null : new Current(path, null, e);
  }

  private static byte[] keyOf(String path) {
    return V2Paths.key(V2Paths.validate(path));
  }

  /** Validates a path for a new or replaced file, creating its parents; returns its key. */
  byte[] prepareFile(String path) throws IOException {
    byte[] key = keyOf(path);
    ensureParents(path);
    Current cur = current(path, key);
    if (cur != null && cur.isDirectory()) {
      throw FileUpdater.isDirectory(path);
    }
    return key;
  }

  /** Stages {@code e} (a file whose body is written) at {@code path}. */
  void replaceFile(String path, byte[] key, DeltaEntry e) throws IOException {
    Current cur = current(path, key);
    release(cur, true);
    u.count(cur, e);
    u.txn().staging.put(e);
  }

  void createDirectory(String path, EntryAttributes a) throws IOException {
    byte[] key = keyOf(path);
    ensureParents(path);
    Current cur = current(path, key);
    if (cur != null && !cur.isDirectory()) {
      throw FileUpdater.exists(path);
    }
    DeltaEntry d = DeltaEntry.directory(key, a);
    release(cur, false);
    u.count(cur, d);
    u.txn().staging.put(d);
  }

  void delete(String path) throws IOException {
    if (path.isEmpty()) {
      throw new FileSystemException("/", null, "the root directory cannot be deleted");
    }
    byte[] key = V2Paths.lookupKey(path);
    Current cur = key == null ? null : current(path, key);
    if (cur == null) {
      throw FileUpdater.missing(path);
    }
    if (cur.isDirectory() && hasChildren(path)) {
      throw FileUpdater.notEmpty(path);
    }
    release(cur, true);
    u.count(cur, null);
    remove(path, key);
    lastParentOk = null;
  }

  void setAttributes(String path, EntryAttributes a) throws IOException {
    byte[] key = path.isEmpty() ? null : V2Paths.lookupKey(path);
    Current cur = key == null ? null : current(path, key);
    if (cur == null) {
      throw path.isEmpty() ? new FileSystemException("/", null, "the root directory has no stored attributes")
          : FileUpdater.missing(path);
    }
    DeltaEntry moved = toDelta(cur, key).withAttributes(a);
    release(cur, false);
    u.txn().staging.put(moved);
  }

  void rename(String from, String to, boolean replace) throws IOException {
    if (from.isEmpty() || to.isEmpty()) {
      throw new FileSystemException(from, to, "the root directory cannot be moved or replaced");
    }
    byte[] fromKey = keyOf(from);
    byte[] toKey = keyOf(to);
    Current src = current(from, fromKey);
    if (src == null) {
      throw FileUpdater.missing(from);
    }
    if (from.equals(to)) {
      return;
    }
    if (to.startsWith(from + "/")) {
      throw new FileSystemException(from, to, "cannot move a directory into itself");
    }
    Current dst = current(to, toKey);
    if (dst != null) {
      if (!replace) {
        throw FileUpdater.exists(to);
      }
      if (dst.isDirectory() && hasChildren(to)) {
        throw FileUpdater.notEmpty(to);
      }
      release(dst, true);
      u.count(dst, null);
      remove(to, toKey);
    }
    ensureParents(to);
    DesReader before = snapshot();
    move(before, from, fromKey, to, toKey, src);
    lastParentOk = null;
  }

  /** Moves one entry, then (for a directory) its children as listed in {@code before}. */
  private void move(DesReader before, String from, byte[] fromKey, String to, byte[] toKey, Current src)
      throws IOException {
    DeltaEntry moved = toDelta(src, toKey);
    release(src, false);
    u.txn().staging.put(moved);
    remove(from, fromKey);
    if (!src.isDirectory()) {
      return;
    }
    for (IndexEntry child : before.list(from)) {
      String cf = child.name();
      String ct = to + cf.substring(from.length());
      byte[] ck = keyOf(cf);
      Current c = current(cf, ck);
      if (c != null) {
        move(before, cf, ck, ct, keyOf(ct), c);
      }
    }
  }

  /** Stages the absence of {@code path}: a tombstone if a committed layer has it, else nothing. */
  private void remove(String path, byte[] key) throws IOException {
    if (committedEntry(path) != null) {
      u.txn().staging.put(DeltaEntry.tombstone(key));
    } else {
      u.txn().staging.unstage(key);
    }
  }

  /** Creates missing parent directories of {@code path}; an ancestor that is a file is an error. */
  private void ensureParents(String path) throws IOException {
    String parent = V2Paths.parent(path);
    if (parent.isEmpty() || parent.equals(lastParentOk)) {
      return;
    }
    int from = 0;
    while (true) {
      int slash = parent.indexOf('/', from);
      String dir = slash < 0 ? parent : parent.substring(0, slash);
      byte[] key = V2Paths.key(dir.getBytes(StandardCharsets.UTF_8));
      Current cur = current(dir, key);
      if (cur == null) {
        DeltaEntry d = DeltaEntry.directory(key, EntryAttributes.NONE);
        u.count(null, d);
        u.txn().staging.put(d);
      } else if (!cur.isDirectory()) {
        throw FileUpdater.notDirectory(dir);
      }
      if (slash < 0) {
        break;
      }
      from = slash + 1;
    }
    lastParentOk = parent;
  }

  private boolean hasChildren(String dir) throws IOException {
    return !snapshot().list(dir, null, 1).isEmpty();
  }

  private DesReader snapshot() {
    CommitState st = u.state();
    return st.reader(u.file().source(st.committedEnd()), u.readerOptions(), u.txn().staging.snapshot(), null);
  }

  private DeltaEntry toDelta(Current c, byte[] key) throws IOException {
    if (c.staged() != null) {
      return Arrays.equals(c.staged().key(), key) ? c.staged() : c.staged().withKey(key);
    }
    return DeltaEntry.of(key, c.committed(), rawMeta(c.committed()));
  }

  /** Frees what {@code old} occupies once the commit replaces it: its body if asked, a base metadata record. */
  private void release(Current old, boolean body) {
    if (old == null) {
      return;
    }
    if (body) {
      if (old.staged() != null) {
        if (old.staged().hasStoredBody()) {
          u.txn().freeLater(old.staged().dataOffset(), old.staged().storedLength());
        }
      } else {
        IndexEntry e = old.committed();
        if (!e.isDirectory() && !e.isExternal() && e.storedLength() > 0) {
          u.txn().freeLater(e.dataOffset(), e.storedLength());
        }
      }
    }
    IndexEntry e = old.committed();
    if (e != null && e.metaLength() > 0 && e.metaOffset() < u.state().baseEnd()) {
      u.txn().freeLater(e.metaOffset(), e.metaLength() + 4);
    }
  }

  private byte[] rawMeta(IndexEntry e) throws IOException {
    if (e.metaLength() == 0) {
      return null;
    }
    RangeSource s = u.file().source(u.state().committedEnd());
    int len = (int) e.metaLength();
    byte[] b = s.readFully(e.metaOffset(), len + 4);
    io.easystore.internal.v2.MetaRecord.check(b, len, io.easystore.internal.v2.MetaRecord.keyOf(e.name()), s.name(),
        e.metaOffset(), e.name());
    return Arrays.copyOf(b, len);
  }
}
