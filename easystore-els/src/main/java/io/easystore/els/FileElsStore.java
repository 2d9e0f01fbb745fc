package io.easystore.els;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.Framing;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file-system ELS store. Resolves bucket paths to hashed directories, checks at every level
 * that a directory's record names the key that led there (hash collisions and damage are
 * reported, never followed), and assigns each new entry the next ordinal of its bucket.
 *
 * <p>Reads take no lock. Writes hold {@link #writeLock}; the per-bucket ordinal cache assumes this
 * handle is the only writer.
 */
final class FileElsStore implements ElsStore {
  static final int FORMAT_VERSION = 1;
  private static final byte[] EMPTY = new byte[0];

  private final Path root;
  private final ElsOptions options;
  private final ElsEncoding encoding;
  final RecordDir records;
  private final Limits limits;
  final Object writeLock = new Object();
  /** Next free ordinal per bucket path, filled on first use by one scan. Guarded by writeLock. */
  private final Map<List<String>, Long> nextOrdinal = new HashMap<>();

  /** A listed entry of a bucket together with its directory. */
  record Child(ElsEntry entry, Path dir) {}

  private FileElsStore(Path root, ElsOptions options, ElsEncoding encoding) {
    this.root = root;
    this.options = options;
    this.encoding = encoding;
    this.records = new RecordDir(root.toString(), root, encoding, options);
    this.limits = new Limits(root.toString(), options);
  }

  static ElsStore open(Path rootArg, ElsOptions o) throws IOException {
    Path r = rootArg.toAbsolutePath().normalize();
    String name = r.toString();
    if (!Files.isDirectory(r)) {
      if (Files.exists(r)) {
        throw new CorruptContainerException(name, CorruptContainerException.NO_OFFSET, null,
            "not an ELS store: not a directory");
      }
      if (!o.create()) {
        throw new NoSuchFileException(name, null, "no ELS store here");
      }
      Files.createDirectories(r);
    }
    Listing l = new RecordDir(name, r, o.encoding(), o).list(r);
    if (l.storeMarkers.size() > 1) {
      throw new CorruptContainerException(name, CorruptContainerException.NO_OFFSET, null,
          "more than one store marker (els.VERSION.ENCODING)");
    }
    if (l.storeMarkers.size() == 1) {
      return openExisting(r, o, l.storeMarkers.get(0));
    }
    boolean onlyLeftovers = l.children.isEmpty()
        && l.foreign.stream().allMatch(f -> f.startsWith("."));
    if (!onlyLeftovers) {
      throw new CorruptContainerException(name, CorruptContainerException.NO_OFFSET, null,
          "not an ELS store (no els." + FORMAT_VERSION + ".* marker) and not empty; refusing to write into it");
    }
    if (!o.create()) {
      throw new NoSuchFileException(name, null, "no ELS store here");
    }
    FileElsStore s = new FileElsStore(r, o, o.encoding());
    // An interrupted creation may have left a root record without the marker: start over.
    s.records.removeAllBut(r, l, -1, 0);
    s.records.write(r, l, new Header(ElsKind.BUCKET, 0, ""), EMPTY);
    s.records.create(r, Names.storeMarker(FORMAT_VERSION, o.encoding()));
    s.records.sync(r);
    return s;
  }

  private static ElsStore openExisting(Path r, ElsOptions o, Names.StoreMarker m) throws IOException {
    String name = r.toString();
    Framing.checkVersion(name, CorruptContainerException.NO_OFFSET, m.name(), "ELS",
        (int) Math.max(Integer.MIN_VALUE, Math.min(m.version(), Integer.MAX_VALUE)), FORMAT_VERSION, FORMAT_VERSION);
    ElsEncoding e = ElsEncoding.fromTag(m.encoding());
    if (e == null) {
      throw new CorruptContainerException(name, CorruptContainerException.NO_OFFSET, m.name(),
          "unknown name encoding '" + m.encoding() + "'");
    }
    FileElsStore s = new FileElsStore(r, o, e);
    RecordDir.Committed c = s.records.read(r, false);
    if (c == null || !c.header().kind().isBucket() || !c.header().key().isEmpty()) {
      throw s.records.corrupt(r, "the root directory has no committed root bucket record");
    }
    return s;
  }

  @Override
  public Path directory() {
    return root;
  }

  @Override
  public ElsEncoding encoding() {
    return encoding;
  }

  @Override
  public ElsOptions options() {
    return options;
  }

  @Override
  public ElsBucket bucket(List<String> path) throws IOException {
    List<String> p = List.copyOf(path);
    checkPath(p);
    return new FileElsBucket(this, p);
  }

  @Override
  public boolean deleteBucket(List<String> path) throws IOException {
    List<String> p = List.copyOf(path);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("the root bucket cannot be deleted");
    }
    checkPath(p);
    synchronized (writeLock) {
      Path parent = existingBucket(p.subList(0, p.size() - 1));
      boolean existed = parent != null && deleteEntry(parent, true, p.get(p.size() - 1));
      nextOrdinal.keySet().removeIf(k -> k.size() >= p.size() && k.subList(0, p.size()).equals(p));
      return existed;
    }
  }

  // ---- checks -------------------------------------------------------------------------------

  void checkPath(List<String> path) throws LimitExceededException {
    limits.checkPath(path);
  }

  void checkKey(String key) throws LimitExceededException {
    limits.checkKey(key);
  }

  void checkValueSize(String key, long size) throws LimitExceededException {
    limits.checkValueSize(key, size);
  }

  private void checkOwner(Path dir, Header h, String key, boolean bucket) throws CorruptContainerException {
    if (!h.key().equals(key)) {
      throw records.corrupt(dir, "directory belongs to '" + h.key() + "', not '" + key
          + "' (hash collision or damage)");
    }
    if (h.kind().isBucket() != bucket) {
      throw records.corrupt(dir, "holds a " + h.kind() + " record where a "
          + (bucket ? "bucket" : "value") + " belongs");
    }
  }

  // ---- reads --------------------------------------------------------------------------------

  /**
   * The directory of child {@code key}. Base32 stores may have been copied through a tool that
   * upper-cased every name onto a case-sensitive file system; such directories are found too.
   */
  Path child(Path dir, boolean bucket, String key) {
    String name = Names.childDir(bucket, key);
    Path p = dir.resolve(name);
    if (encoding == ElsEncoding.BASE32 && !Files.exists(p)) {
      Path upper = dir.resolve(name.toUpperCase(Locale.ROOT));
      if (Files.exists(upper)) {
        return upper;
      }
    }
    return p;
  }

  /** The bucket's directory if every level exists and names the right key, else null. */
  Path existingBucket(List<String> path) throws IOException {
    Path dir = root;
    for (String name : path) {
      dir = child(dir, true, name);
      RecordDir.Committed c = records.read(dir, false);
      if (c == null) {
        return null;
      }
      checkOwner(dir, c.header(), name, true);
    }
    return dir;
  }

  /** The record of value {@code key} in bucket directory {@code dir}, or null. */
  RecordDir.Committed readValue(Path dir, String key, boolean withValue) throws IOException {
    Path vdir = child(dir, false, key);
    RecordDir.Committed c = records.read(vdir, withValue);
    if (c != null) {
      checkOwner(vdir, c.header(), key, false);
    }
    return c;
  }

  /** Committed entries of a bucket directory by ordinal (ties: by name). */
  List<Child> children(Path dir) throws IOException {
    Listing l = records.list(dir);
    List<Child> out = new ArrayList<>();
    if (l == null) {
      return out;
    }
    for (Names.Child c : l.children) {
      Path p = dir.resolve(c.name());
      RecordDir.Committed cc = records.read(p, false);
      if (cc == null) {
        continue; // an interrupted create or delete: invisible by design
      }
      Header h = cc.header();
      if (!Names.hash(h.key()).equals(c.hash())) {
        throw records.corrupt(p, "directory name does not match the hash of its key '" + h.key() + "'");
      }
      if (h.kind().isBucket() != c.bucket()) {
        throw records.corrupt(p, "holds a " + h.kind() + " record in a " + (c.bucket() ? "bucket" : "value")
            + " directory");
      }
      out.add(new Child(new ElsEntry(h.key(), h.kind(), h.ordinal()), p));
    }
    out.sort(Comparator.comparingLong((Child c) -> c.entry().ordinal())
        .thenComparing(c -> c.entry().name()));
    return out;
  }

  // ---- writes (caller holds writeLock) ------------------------------------------------------

  /** Creates missing buckets along {@code path} (plain kind, next ordinal); returns the last one. */
  Path ensureBucket(List<String> path) throws IOException {
    Path dir = root;
    for (int i = 0; i < path.size(); i++) {
      dir = defineBucket(dir, path.subList(0, i), path.get(i), null, -1);
    }
    return dir;
  }

  /**
   * Makes {@code name} a bucket of {@code parentDir}. An existing bucket keeps its children; its
   * record is rewritten only if {@code kind} or {@code ordinal} (when given: non-null, >= 0)
   * differ. Leftovers of an interrupted create or delete are cleared first.
   */
  Path defineBucket(Path parentDir, List<String> parentPath, String name, ElsKind kind, long ordinal)
      throws IOException {
    if (parentPath.size() + 1 > options.maxDepth()) {
      List<String> p = new ArrayList<>(parentPath);
      p.add(name);
      checkPath(p);
    }
    checkKey(name);
    Path dir = child(parentDir, true, name);
    Listing l = records.list(dir);
    RecordDir.Committed c = l == null ? null : records.committed(dir, l, false);
    if (c != null) {
      checkOwner(dir, c.header(), name, true);
      Header h = c.header();
      ElsKind k = kind == null ? h.kind() : kind;
      long ord = ordinal < 0 ? h.ordinal() : ordinal;
      if (k != h.kind() || ord != h.ordinal()) {
        records.write(dir, l, new Header(k, ord, name), EMPTY);
        noteOrdinal(parentPath, ord);
      }
      return dir;
    }
    if (l != null) {
      deleteTree(dir);
    }
    long ord = ordinal >= 0 ? noteOrdinal(parentPath, ordinal) : allocateOrdinal(parentPath, parentDir);
    Files.createDirectory(dir);
    records.sync(parentDir);
    records.write(dir, null, new Header(kind == null ? ElsKind.BUCKET : kind, ord, name), EMPTY);
    return dir;
  }

  /** Writes a value; {@code ordinal} < 0 keeps the existing place or appends at the end. */
  void writeValue(Path dir, List<String> path, String key, ElsKind kind, byte[] value, long ordinal)
      throws IOException {
    checkKey(key);
    checkValueSize(key, value.length);
    Path vdir = child(dir, false, key);
    Listing l = records.list(vdir);
    RecordDir.Committed c = l == null ? null : records.committed(vdir, l, false);
    if (c != null) {
      checkOwner(vdir, c.header(), key, false);
    }
    long ord = ordinal >= 0 ? noteOrdinal(path, ordinal)
        : c != null ? c.header().ordinal() : allocateOrdinal(path, dir);
    if (l == null) {
      Files.createDirectory(vdir);
      records.sync(dir);
    }
    records.write(vdir, l, new Header(kind, ord, key), value);
  }

  void appendValue(Path dir, List<String> path, String key, byte[] more) throws IOException {
    checkKey(key);
    Path vdir = child(dir, false, key);
    Listing l = records.list(vdir);
    RecordDir.Committed c = l == null ? null : records.committed(vdir, l, false);
    if (c == null) {
      writeValue(dir, path, key, ElsKind.BYTES, more, -1);
      return;
    }
    checkOwner(vdir, c.header(), key, false);
    checkValueSize(key, c.valueLength() + more.length);
    if (more.length > 0) {
      records.append(vdir, l, c, more);
    }
  }

  /**
   * Deletes child {@code key} (a bucket with its subtree, or a value) of bucket directory
   * {@code dir}; returns whether it existed. A child whose record is damaged is deleted too, so
   * that a corrupt entry can always be removed; one that belongs to another key, or was written by
   * another format version, is not.
   */
  boolean deleteEntry(Path dir, boolean bucket, String key) throws IOException {
    Path d = child(dir, bucket, key);
    if (!Files.isDirectory(d)) {
      return false;
    }
    RecordDir.Committed c;
    try {
      Listing l = records.list(d);
      if (l == null) {
        return false;
      }
      c = records.committed(d, l, false);
    } catch (CorruptContainerException damaged) {
      // Only damage is deleted: a limit or version error (not CorruptContainerException) propagates.
      deleteTree(d);
      return true;
    }
    if (c != null) {
      checkOwner(d, c.header(), key, bucket);
    }
    deleteTree(d);
    return c != null;
  }

  /** Removes all entries of the root and gives the root record {@code kind}. */
  void resetRoot(ElsKind kind) throws IOException {
    Listing l = records.list(root);
    for (Names.Child c : l.children) {
      Path p = root.resolve(c.name());
      deleteTree(p);
    }
    nextOrdinal.clear();
    records.write(root, l, new Header(kind, 0, ""), EMPTY);
  }

  /** The kind of the root record. */
  ElsKind rootKind() throws IOException {
    RecordDir.Committed c = records.read(root, false);
    if (c == null) {
      throw records.corrupt(root, "the root directory has no committed root bucket record");
    }
    return c.header().kind();
  }

  private long allocateOrdinal(List<String> parentPath, Path parentDir) throws IOException {
    Long next = nextOrdinal.get(parentPath);
    if (next == null) {
      long max = -1;
      for (Child c : children(parentDir)) {
        max = Math.max(max, c.entry().ordinal());
      }
      next = max + 1;
    }
    nextOrdinal.put(List.copyOf(parentPath), next + 1);
    return next;
  }

  private long noteOrdinal(List<String> parentPath, long ordinal) {
    nextOrdinal.computeIfPresent(parentPath, (k, v) -> Math.max(v, ordinal + 1));
    return ordinal;
  }

  /** Hides the directory's record at once, then removes the directory and everything in it. */
  void deleteTree(Path dir) throws IOException {
    TreeRemover.remove(records, dir);
  }
}
