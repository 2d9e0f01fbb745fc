package io.easystore.testing;

import io.easystore.io.ContainerSink;
import io.easystore.io.ForwardingRangeSource;
import io.easystore.io.Location;
import io.easystore.io.RangeSource;
import io.easystore.io.UpdatableFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A fault-injecting wrapper over a local {@link Location}, in the style of Lucene's
 * MockDirectoryWrapper and Okio's FakeFileSystem. It counts every write, sync and rename that goes
 * through it (sink writes, {@link UpdatableFile} writes and truncations, forces, publishes), and:
 * <ul>
 *   <li>remembers, per file opened for update, the durable image (as of the last force) and the
 *       writes since; {@link #crash()} rewrites each such file as a power loss may leave it, each
 *       unsynced write (seeded) kept, dropped, cut to a prefix or with a zeroed range, and makes
 *       every later call fail. Unpublished sinks are invisible anyway (their temporary files are
 *       removed when closed, as a cleaner would).
 *   <li>throws an {@link IOException} at the Nth operation ({@link #failAt}), optionally crashing
 *       there ({@link #crashAt});
 *   <li>simulates a full disk: bytes beyond {@link #diskBudget} fail with the JDK's
 *       "No space left on device";
 *   <li>fails the test ({@link #assertNoOpenHandles()}, {@link #close()}) if a source, sink, file,
 *       lock or lease it handed out is still open.
 * </ul>
 * Test files are small: the durable images live in memory.
 *
 * <p>Thread-safe (every method synchronizes on this wrapper).
 */
public final class MockLocation implements Location, Closeable {
  /** The kinds of operation a fault can be scheduled at. */
  public enum Op { WRITE, SYNC, RENAME }

  /** A simulated crash: the process "died" at this call. */
  public static final class CrashException extends IOException {
    private static final long serialVersionUID = 1L;

    CrashException(String message) {
      super(message);
    }
  }

  private final Location delegate;
  private final Path dir;
  private final SplittableRandom random;
  final Map<String, FileState> files = new LinkedHashMap<>();
  private final Map<Object, String> open = new LinkedHashMap<>();
  private final EnumMap<Op, Long> counts = new EnumMap<>(Op.class);
  private long ops;
  private long failAt = -1;
  private Op failKind;
  private boolean crashThere;
  private long budget = Long.MAX_VALUE;
  private long used;
  private boolean crashed;

  public MockLocation(Location delegate, long seed) {
    this.delegate = delegate;
    this.dir = delegate.localPath().orElseThrow(() -> new IllegalArgumentException("not local: " + delegate));
    // SplittableRandom: java.util.Random's first values barely differ between neighbouring seeds.
    this.random = new SplittableRandom(seed);
    for (Op o : Op.values()) {
      counts.put(o, 0L);
    }
  }

  /** The local directory {@code dir}, wrapped. */
  public static MockLocation of(Path dir, long seed) {
    return new MockLocation(Location.of(dir), seed);
  }

  /**
   * Throws an IOException at the {@code n}th (0-based) operation of {@code kind} from now, or of
   * any kind when null; the operation does not happen.
   */
  public synchronized MockLocation failAt(Op kind, long n) {
    this.failKind = kind;
    this.failAt = (kind == null ? ops : counts.get(kind)) + n;
    this.crashThere = false;
    return this;
  }

  /** Crashes ({@link #crash()}) at the {@code n}th operation of {@code kind} from now, or of any kind when null. */
  public synchronized MockLocation crashAt(Op kind, long n) {
    failAt(kind, n);
    this.crashThere = true;
    return this;
  }

  /** Allows {@code bytes} more bytes to be written (file growth and sink bytes) before the disk is full. */
  public synchronized MockLocation diskBudget(long bytes) {
    this.budget = bytes;
    this.used = 0;
    return this;
  }

  /** Operations counted so far (all kinds). */
  public synchronized long ops() {
    return ops;
  }

  public synchronized long ops(Op kind) {
    return counts.get(kind);
  }

  public synchronized boolean crashed() {
    return crashed;
  }

  /**
   * Simulates a power loss now: every file opened for update becomes its durable image plus a
   * seeded choice of its unsynced writes, whole or torn; every later call fails.
   */
  public synchronized void crash() throws IOException {
    if (crashed) {
      return;
    }
    crashed = true;
    for (Map.Entry<String, FileState> e : files.entrySet()) {
      FileState f = e.getValue();
      if (!f.pending.isEmpty()) {
        Files.write(dir.resolve(e.getKey()), f.torn(random));
      }
    }
    files.clear();
  }

  /** Fails the test if a handle this wrapper handed out is still open. */
  public synchronized void assertNoOpenHandles() {
    if (!open.isEmpty()) {
      throw new AssertionError("handles still open in " + dir + ": " + open.values());
    }
  }

  /** {@link #assertNoOpenHandles()}. */
  @Override
  public void close() {
    assertNoOpenHandles();
  }

  void alive(String what) throws IOException {
    if (crashed) {
      throw new CrashException(what + ": the process crashed (simulated)");
    }
  }

  /** Counts an operation and throws if it is the scheduled one. */
  void op(Op kind, String what) throws IOException {
    alive(what);
    long n = failKind == null ? ops : counts.get(kind);
    ops++;
    counts.merge(kind, 1L, Long::sum);
    if (failAt >= 0 && n == failAt && (failKind == null || failKind == kind)) {
      failAt = -1;
      if (crashThere) {
        crash();
        throw new CrashException(what + ": crashed at this " + kind + " (simulated)");
      }
      throw new IOException(what + ": injected I/O error at this " + kind);
    }
  }

  void spend(long bytes, String what) throws IOException {
    if (bytes > 0 && used + bytes > budget) {
      // The JDK's message for ENOSPC (FileDispatcherImpl.write0 on Linux).
      throw new IOException("No space left on device");
    }
    used += Math.max(0, bytes);
  }

  <T> T track(T handle, String what) {
    open.put(handle, what);
    return handle;
  }

  synchronized void untrack(Object handle) {
    open.remove(handle);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public synchronized RangeSource open(String name) throws IOException {
    alive(name);
    RangeSource[] self = new RangeSource[1];
    RangeSource s = new ForwardingRangeSource(delegate.open(name)) {
      @Override
      public void close() throws IOException {
        untrack(self[0]);
        super.close();
      }
    };
    self[0] = s;
    return track(s, "source " + name);
  }

  @Override
  public synchronized ContainerSink create(String name) throws IOException {
    alive(name);
    return track(new MockSink(this, delegate.create(name), name), "sink " + name);
  }

  @Override
  public synchronized UpdatableFile openForUpdate(String name) throws IOException {
    alive(name);
    UpdatableFile f = delegate.openForUpdate(name);
    files.computeIfAbsent(name, n -> new FileState(image(n)));
    return track(new MockFile(f, name), "file " + name);
  }

  private byte[] image(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Location resolve(String relative) throws IOException {
    return delegate.resolve(relative);
  }

  @Override
  public Optional<Location> parent() {
    return delegate.parent();
  }

  @Override
  public Optional<Path> localPath() {
    return delegate.localPath();
  }

  @Override
  public synchronized Optional<Closeable> lockWriter(String name) throws IOException {
    alive(name);
    return delegate.lockWriter(name).map(l -> trackCloseable(l, "writer lock " + name));
  }

  @Override
  public synchronized Optional<Closeable> lease(String name, long generation) throws IOException {
    alive(name);
    return delegate.lease(name, generation).map(l -> trackCloseable(l, "lease " + name + "@" + generation));
  }

  private Closeable trackCloseable(Closeable c, String what) {
    Closeable[] self = new Closeable[1];
    self[0] = () -> {
      untrack(self[0]);
      c.close();
    };
    return track(self[0], what);
  }

  @Override
  public synchronized void publish(String temp, String name) throws IOException {
    op(Op.SYNC, temp);
    op(Op.RENAME, temp + " -> " + name);
    delegate.publish(temp, name);
    // The renamed-over file is gone: its unsynced writes no longer matter.
    files.remove(name);
  }

  /** The durable image of a file opened for update and the writes since it was last forced. */
  static final class FileState {
    byte[] durable;
    final List<Object[]> pending = new ArrayList<>();

    FileState(byte[] durable) {
      this.durable = durable;
    }

    /** The file after a power loss: each pending write kept, dropped, cut short or partly zeroed. */
    byte[] torn(SplittableRandom r) {
      byte[] image = durable;
      for (Object[] w : pending) {
        long pos = (Long) w[0];
        byte[] data = (byte[]) w[1];
        if (data == null) {
          // A truncation: lands or not.
          if (r.nextBoolean()) {
            image = java.util.Arrays.copyOf(image, (int) Math.min(image.length, pos));
          }
          continue;
        }
        int len = data.length;
        switch (r.nextInt(4)) {
          case 0 -> len = 0;
          case 1 -> len = len == 0 ? 0 : r.nextInt(len);
          case 2 -> {
            data = data.clone();
            int from = len == 0 ? 0 : r.nextInt(len);
            java.util.Arrays.fill(data, from, from + (len == 0 ? 0 : r.nextInt(len - from + 1)), (byte) 0);
          }
          default -> { }
        }
        if (len > 0) {
          int end = (int) Math.max(image.length, pos + len);
          image = java.util.Arrays.copyOf(image, end);
          System.arraycopy(data, 0, image, (int) pos, len);
        }
      }
      return image;
    }
  }

  private final class MockFile implements UpdatableFile {
    private final UpdatableFile f;
    private final String file;

    MockFile(UpdatableFile f, String file) {
      this.f = f;
      this.file = file;
    }

    @Override
    public String name() {
      return f.name();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      synchronized (MockLocation.this) {
        alive(file);
      }
      return f.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      synchronized (MockLocation.this) {
        op(Op.WRITE, file + " @" + position);
        spend(position + src.remaining() - f.size(), file);
        byte[] data = new byte[src.remaining()];
        src.duplicate().get(data);
        int n = f.write(src, position);
        FileState s = files.get(file);
        if (s != null) {
          s.pending.add(new Object[] {position, java.util.Arrays.copyOf(data, n)});
        }
        return n;
      }
    }

    @Override
    public long size() throws IOException {
      synchronized (MockLocation.this) {
        alive(file);
      }
      return f.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
      synchronized (MockLocation.this) {
        op(Op.SYNC, file);
        f.force(metaData);
        FileState s = files.get(file);
        if (s != null) {
          s.durable = image(file);
          s.pending.clear();
        }
      }
    }

    @Override
    public void truncate(long length) throws IOException {
      synchronized (MockLocation.this) {
        op(Op.WRITE, file + " truncate " + length);
        f.truncate(length);
        FileState s = files.get(file);
        if (s != null) {
          s.pending.add(new Object[] {length, null});
        }
      }
    }

    @Override
    public void close() throws IOException {
      untrack(this);
      f.close();
    }
  }
}
