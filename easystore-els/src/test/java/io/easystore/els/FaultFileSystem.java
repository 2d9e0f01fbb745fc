package io.easystore.els;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A test-only {@link FileSystem} that delegates to the real (default) one and counts metadata
 * operations: file creation or opening for write, directory creation, delete, move, and opening a
 * channel (which ELS does only to force a directory). At the {@code failAt}-th such operation
 * (1-based) it either throws an {@link IOException} once ({@link Mode#ERROR}) or "crashes"
 * ({@link Mode#CRASH}): that operation and every later one, reads included, fail.
 *
 * <p>Crash models: in {@code CRASH}, operations that completed before the crash stay on disk and
 * the in-flight one is lost (it never reaches the delegate). Since ELS keeps its data in names,
 * this is the state a crash leaves when every completed directory update survived. In
 * {@code CRASH_LOSING_UNSYNCED} every completed change since the last force of its parent
 * directory is undone as well (ELS forces a directory by opening it as a channel and forcing at
 * once, so the open counts as the force); {@code CRASH_KEEPING_LAST_UNSYNCED} keeps the newest of
 * those, a reordering. Not modelled: other subsets of the unsynced changes surviving, and torn
 * operations.
 *
 * <p>Paths handed out wrap delegate paths; {@link #unwrap} gives the real path back so the tree can
 * be reopened with the normal API. Not thread-safe: one writer per instance.
 */
final class FaultFileSystem extends FileSystem {
  /**
   * {@code ERROR}: the operation throws once, later ones work. {@code CRASH}: it and all later ones
   * fail, completed ones stay. {@code CRASH_LOSING_UNSYNCED}: as {@code CRASH}, and in addition
   * every completed directory change not yet made durable by forcing that directory is undone
   * (newest first). {@code CRASH_KEEPING_LAST_UNSYNCED}: as that, but the newest unsynced change
   * survives, as when a file system writes unsynced directory entries out of order.
   */
  enum Mode { ERROR, CRASH, CRASH_LOSING_UNSYNCED, CRASH_KEEPING_LAST_UNSYNCED }

  /** A completed directory change not yet forced: what to undo if the crash loses it. */
  private record Change(String what, Path real) {}

  private final List<Change> unsynced = new ArrayList<>();

  private final FileSystem real;
  private final FaultProvider provider = new FaultProvider();
  private final Mode mode;
  private final long failAt;
  private long count;
  private long undone;
  private boolean crashed;

  FaultFileSystem(FileSystem real, Mode mode, long failAt) {
    this.real = real;
    this.mode = mode;
    this.failAt = failAt;
  }

  /** Metadata operations attempted so far (the failing one included). */
  long count() {
    return count;
  }

  /** Completed changes a {@code CRASH_LOSING_UNSYNCED} crash undid. */
  long undone() {
    return undone;
  }

  boolean crashed() {
    return crashed;
  }

  Path wrap(Path p) {
    return new FaultPath(p);
  }

  static Path unwrap(Path p) {
    return ((FaultPath) p).real;
  }

  private void op(String what, Path p) throws IOException {
    readable();
    count++;
    if (count == failAt) {
      if (mode != Mode.ERROR) {
        crashed = true;
        if (mode == Mode.CRASH_KEEPING_LAST_UNSYNCED && !unsynced.isEmpty()) {
          unsynced.remove(unsynced.size() - 1);
        }
        if (mode != Mode.CRASH) {
          loseUnsynced();
        }
      }
      throw new IOException("injected " + mode + " at operation " + count + " (" + what + " " + p + ")");
    }
  }

  private void done(String what, Path real) {
    unsynced.add(new Change(what, real.toAbsolutePath()));
  }

  private void forced(Path realDir) {
    Path d = realDir.toAbsolutePath();
    unsynced.removeIf(c -> d.equals(c.real().getParent()));
  }

  /** ELS files are empty (data lives in names), so a lost delete is undone by an empty file. */
  private void loseUnsynced() throws IOException {
    for (int i = unsynced.size() - 1; i >= 0; i--) {
      Change c = unsynced.get(i);
      if (!Files.isDirectory(c.real().getParent())) {
        continue; // its directory is gone durably, and the entry with it
      }
      switch (c.what()) {
        case "file" -> Files.deleteIfExists(c.real());
        case "mkdir" -> {
          if (!Files.exists(c.real())) {
            continue;
          }
          try (Stream<Path> all = Files.walk(c.real())) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(q);
            }
          }
        }
        case "unlink" -> Files.createFile(c.real());
        case "rmdir" -> Files.createDirectory(c.real());
        default -> throw new IllegalStateException(c.what());
      }
      undone++;
    }
    unsynced.clear();
  }

  private void readable() throws IOException {
    if (crashed) {
      throw new IOException("crashed");
    }
  }

  private void unsupportedWhenLosing() {
    if (mode == Mode.CRASH_LOSING_UNSYNCED || mode == Mode.CRASH_KEEPING_LAST_UNSYNCED) {
      throw new UnsupportedOperationException("not journaled: ELS does not use it");
    }
  }

  private Path r(Path p) {
    return unwrap(p);
  }

  @Override public FileSystemProvider provider() { return provider; }
  @Override public void close() { throw new UnsupportedOperationException(); }
  @Override public boolean isOpen() { return true; }
  @Override public boolean isReadOnly() { return false; }
  @Override public String getSeparator() { return real.getSeparator(); }
  @Override public Iterable<Path> getRootDirectories() { throw new UnsupportedOperationException(); }
  @Override public Iterable<FileStore> getFileStores() { throw new UnsupportedOperationException(); }
  @Override public Set<String> supportedFileAttributeViews() { return real.supportedFileAttributeViews(); }
  @Override public Path getPath(String first, String... more) { return wrap(real.getPath(first, more)); }
  @Override public PathMatcher getPathMatcher(String s) { return real.getPathMatcher(s); }
  @Override public UserPrincipalLookupService getUserPrincipalLookupService() { throw new UnsupportedOperationException(); }
  @Override public WatchService newWatchService() { throw new UnsupportedOperationException(); }

  private final class FaultPath implements Path {
    final Path real;

    FaultPath(Path real) {
      this.real = Objects.requireNonNull(real);
    }

    private Path w(Path p) {
      return p == null ? null : wrap(p);
    }

    @Override public FileSystem getFileSystem() { return FaultFileSystem.this; }
    @Override public boolean isAbsolute() { return real.isAbsolute(); }
    @Override public Path getRoot() { return w(real.getRoot()); }
    @Override public Path getFileName() { return w(real.getFileName()); }
    @Override public Path getParent() { return w(real.getParent()); }
    @Override public int getNameCount() { return real.getNameCount(); }
    @Override public Path getName(int i) { return w(real.getName(i)); }
    @Override public Path subpath(int a, int b) { return w(real.subpath(a, b)); }
    @Override public boolean startsWith(Path o) { return o instanceof FaultPath f && real.startsWith(f.real); }
    @Override public boolean endsWith(Path o) { return o instanceof FaultPath f && real.endsWith(f.real); }
    @Override public Path normalize() { return w(real.normalize()); }
    @Override public Path resolve(Path o) { return w(real.resolve(((FaultPath) o).real)); }
    @Override public Path relativize(Path o) { return w(real.relativize(((FaultPath) o).real)); }
    @Override public URI toUri() { throw new UnsupportedOperationException(); }
    @Override public Path toAbsolutePath() { return w(real.toAbsolutePath()); }
    @Override public Path toRealPath(LinkOption... o) throws IOException { readable(); return w(real.toRealPath(o)); }
    @Override public WatchKey register(WatchService s, WatchEvent.Kind<?>[] k, WatchEvent.Modifier... m) {
      throw new UnsupportedOperationException();
    }
    @Override public int compareTo(Path o) { return real.compareTo(((FaultPath) o).real); }
    @Override public boolean equals(Object o) { return o instanceof FaultPath f && real.equals(f.real); }
    @Override public int hashCode() { return real.hashCode(); }
    @Override public String toString() { return real.toString(); }
  }

  private final class FaultProvider extends FileSystemProvider {
    private FileSystemProvider rp() {
      return real.provider();
    }

    @Override public String getScheme() { return "fault"; }
    @Override public FileSystem newFileSystem(URI uri, Map<String, ?> env) { throw new UnsupportedOperationException(); }
    @Override public FileSystem getFileSystem(URI uri) { throw new UnsupportedOperationException(); }
    @Override public Path getPath(URI uri) { throw new UnsupportedOperationException(); }

    @Override
    public SeekableByteChannel newByteChannel(Path p, Set<? extends OpenOption> o, FileAttribute<?>... a)
        throws IOException {
      if (o.contains(StandardOpenOption.WRITE) || o.contains(StandardOpenOption.CREATE)
          || o.contains(StandardOpenOption.CREATE_NEW)) {
        op("create/write", p);
        boolean existed = Files.exists(r(p));
        SeekableByteChannel ch = rp().newByteChannel(r(p), o, a);
        if (!existed) {
          done("file", r(p));
        }
        return ch;
      }
      readable();
      return rp().newByteChannel(r(p), o, a);
    }

    @Override
    public FileChannel newFileChannel(Path p, Set<? extends OpenOption> o, FileAttribute<?>... a)
        throws IOException {
      op("open for force", p);
      FileChannel ch = rp().newFileChannel(r(p), o, a);
      // ELS opens a channel only to force a directory, right away: count the force as done here.
      forced(r(p));
      return ch;
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
        throws IOException {
      readable();
      DirectoryStream<Path> ds = rp().newDirectoryStream(r(dir), q -> filter.accept(wrap(q)));
      return new DirectoryStream<>() {
        @Override
        public Iterator<Path> iterator() {
          Iterator<Path> it = ds.iterator();
          return new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }
            @Override public Path next() { return wrap(it.next()); }
          };
        }

        @Override
        public void close() throws IOException {
          ds.close();
        }
      };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... a) throws IOException {
      op("mkdir", dir);
      rp().createDirectory(r(dir), a);
      done("mkdir", r(dir));
    }

    @Override
    public void delete(Path p) throws IOException {
      op("delete", p);
      boolean dir = Files.isDirectory(r(p));
      if (!dir && Files.exists(r(p)) && Files.size(r(p)) != 0) {
        throw new IllegalStateException("ELS files are empty: " + p);
      }
      rp().delete(r(p));
      done(dir ? "rmdir" : "unlink", r(p));
    }

    @Override
    public void copy(Path s, Path t, CopyOption... o) throws IOException {
      op("copy", t);
      unsupportedWhenLosing();
      rp().copy(r(s), r(t), o);
    }

    @Override
    public void move(Path s, Path t, CopyOption... o) throws IOException {
      op("move", t);
      unsupportedWhenLosing();
      rp().move(r(s), r(t), o);
    }

    @Override
    public boolean isSameFile(Path a, Path b) throws IOException {
      readable();
      return rp().isSameFile(r(a), r(b));
    }

    @Override
    public boolean isHidden(Path p) throws IOException {
      readable();
      return rp().isHidden(r(p));
    }

    @Override
    public FileStore getFileStore(Path p) throws IOException {
      readable();
      return rp().getFileStore(r(p));
    }

    @Override
    public void checkAccess(Path p, AccessMode... m) throws IOException {
      readable();
      rp().checkAccess(r(p), m);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path p, Class<V> type, LinkOption... o) {
      return rp().getFileAttributeView(r(p), type, o);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path p, Class<A> type, LinkOption... o)
        throws IOException {
      readable();
      return rp().readAttributes(r(p), type, o);
    }

    @Override
    public Map<String, Object> readAttributes(Path p, String attrs, LinkOption... o) throws IOException {
      readable();
      return rp().readAttributes(r(p), attrs, o);
    }

    @Override
    public void setAttribute(Path p, String attr, Object v, LinkOption... o) throws IOException {
      op("setattr", p);
      unsupportedWhenLosing();
      rp().setAttribute(r(p), attr, v, o);
    }
  }
}
