package io.easystore.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Advisory byte-range locks on the lock file beside a container ({@code NAME.lock}), which
 * coordinate one writer with any number of readers across processes (docs/FORMAT.md, "DES v2
 * updates", locking):
 *
 * <ul>
 *   <li>byte 0, exclusive: the writer lock ({@link #writer});
 *   <li>byte {@code 1 + g}, shared: a reader's lease on committed generation {@code g}
 *       ({@link #lease});
 *   <li>bytes {@code [1, 1 + x)}, exclusive: the writer's reuse guard ({@link #guard}): while it
 *       is held, no reader of a generation below {@code x} exists, so space freed at or before
 *       generation {@code x} may be overwritten.
 * </ul>
 *
 * <p>POSIX drops every lock a process holds on a file when any descriptor of that file is closed,
 * and the JDK refuses overlapping locks within one JVM. So this class keeps one channel per lock
 * file for the whole JVM, counts users, and never requests two overlapping locks. Channel
 * operations run on one private thread, so an interrupted caller cannot close the shared channel
 * (which would silently drop every lock).
 *
 * <p>Thread-safe. Handles are idempotent to close.
 */
public final class LockFiles {
  /** A handle that holds nothing: the container has no lock file, so there is no writer to tell. */
  public static final Closeable NO_LEASE = () -> { };

  private static final Map<Path, Entry> FILES = new HashMap<>();
  private static final ExecutorService LOCK_THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "easystore-lock-files");
    t.setDaemon(true);
    return t;
  });

  private LockFiles() {}

  /** The lock file of a container: {@code NAME.lock} beside it. */
  public static Path lockFileOf(Path container) {
    Path abs = container.toAbsolutePath().normalize();
    try {
      abs = abs.toRealPath();
    } catch (IOException e) {
      // Not there yet (being created): the normalised absolute path names it.
    }
    return abs.resolveSibling(abs.getFileName() + ".lock");
  }

  /** The guard held by a writer: generations below {@link #limit()} have no reader. */
  public interface Guard extends Closeable {
    long limit();

    @Override
    void close() throws IOException;
  }

  private static final class Entry {
    final Path path;
    final FileChannel channel;
    final boolean writable;
    int users;
    FileLock writer;
    FileLock guard;
    long guardLimit;
    final TreeMap<Long, int[]> leaseCounts = new TreeMap<>();
    final Map<Long, FileLock> leaseLocks = new HashMap<>();

    Entry(Path path, FileChannel channel, boolean writable) {
      this.path = path;
      this.channel = channel;
      this.writable = writable;
    }
  }

  private interface Op<T> {
    T run() throws IOException;
  }

  /** Runs on the lock thread, waiting uninterruptibly (an interrupt is kept for the caller). */
  private static <T> T onLockThread(Op<T> op) throws IOException {
    Future<T> f = LOCK_THREAD.submit(op::run);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Entry acquire(Path lockFile, boolean create) throws IOException {
    Entry e = FILES.get(lockFile);
    if (e == null) {
      FileChannel ch;
      boolean writable = true;
      try {
        ch = create ? FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.CREATE) : FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException missing) {
        if (create) {
          throw missing;
        }
        return null;
      } catch (AccessDeniedException denied) {
        if (create) {
          throw denied;
        }
        // A reader without write permission can still hold shared leases.
        ch = FileChannel.open(lockFile, StandardOpenOption.READ);
        writable = false;
      }
      e = new Entry(lockFile, ch, writable);
      FILES.put(lockFile, e);
    }
    e.users++;
    return e;
  }

  private static void release(Entry e) throws IOException {
    if (--e.users == 0) {
      FILES.remove(e.path);
      e.channel.close();
    }
  }

  private static FileLock tryLock(Entry e, long position, long size, boolean shared) throws IOException {
    if (size <= 0) {
      throw new IllegalArgumentException("empty lock range");
    }
    try {
      return e.channel.tryLock(position, size, shared);
    } catch (OverlappingFileLockException other) {
      // The same file locked through another path or class loader in this JVM: treat as taken.
      return null;
    }
  }

  /**
   * Takes the writer lock of {@code container}, creating the lock file. Returns null when another
   * writer (in this or another process) holds it.
   */
  public static Closeable writer(Path container) throws IOException {
    Path lf = lockFileOf(container);
    return onLockThread(() -> {
      synchronized (FILES) {
        Entry e = acquire(lf, true);
        FileLock l = e.writer == null ? tryLock(e, 0, 1, false) : null;
        if (l == null) {
          release(e);
          return null;
        }
        e.writer = l;
        return once(() -> {
          synchronized (FILES) {
            e.writer = null;
            try {
              l.release();
            } finally {
              release(e);
            }
          }
        });
      }
    });
  }

  /**
   * Leases generation {@code generation} of {@code container} for a reader. Returns
   * {@link #NO_LEASE} when the container has no lock file (it was never opened for update), and
   * null when the writer's reuse guard covers that generation: the snapshot may already be
   * overwritten, so the reader must open the newest state instead.
   */
  public static Closeable lease(Path container, long generation) throws IOException {
    Path lf = lockFileOf(container);
    if (!java.nio.file.Files.exists(lf)) {
      return NO_LEASE;
    }
    return onLockThread(() -> {
      synchronized (FILES) {
        Entry e = acquire(lf, false);
        if (e == null) {
          return NO_LEASE;
        }
        if (e.guard != null && generation < e.guardLimit) {
          release(e);
          return null;
        }
        int[] count = e.leaseCounts.get(generation);
        if (count == null) {
          FileLock l = tryLock(e, 1 + generation, 1, true);
          if (l == null) {
            release(e);
            return null;
          }
          count = new int[1];
          e.leaseCounts.put(generation, count);
          e.leaseLocks.put(generation, l);
        }
        count[0]++;
        return once(() -> {
          synchronized (FILES) {
            try {
              if (--e.leaseCounts.get(generation)[0] == 0) {
                e.leaseCounts.remove(generation);
                e.leaseLocks.remove(generation).release();
              }
            } finally {
              release(e);
            }
          }
        });
      }
    });
  }

  /**
   * Takes the largest reuse guard {@code [0, x)} with {@code x <= max} that no reader lease
   * overlaps (in any process), and holds it until closed. {@code x} may be 0: then nothing may
   * be reused. The caller must hold the writer lock.
   */
  public static Guard guard(Path container, long max) throws IOException {
    Path lf = lockFileOf(container);
    return onLockThread(() -> {
      synchronized (FILES) {
        Entry e = acquire(lf, true);
        if (e.guard != null) {
          release(e);
          throw new IllegalStateException("reuse guard already held for " + container);
        }
        long x = Math.max(0, max);
        if (!e.leaseCounts.isEmpty()) {
          x = Math.min(x, e.leaseCounts.firstKey());
        }
        FileLock lock = null;
        if (!e.writable) {
          x = 0;
        } else if (x > 0) {
          lock = tryLock(e, 1, x, false);
          if (lock == null) {
            long lo = 0;
            long hi = x - 1;
            while (lo < hi) {
              long mid = (lo + hi + 1) >>> 1;
              FileLock probe = tryLock(e, 1, mid, false);
              if (probe != null) {
                probe.release();
                lo = mid;
              } else {
                hi = mid - 1;
              }
            }
            x = lo;
            lock = x > 0 ? tryLock(e, 1, x, false) : null;
            if (lock == null) {
              x = 0;
            }
          }
        }
        e.guard = lock;
        e.guardLimit = x;
        FileLock held = lock;
        long limit = x;
        Closeable closer = once(() -> {
          synchronized (FILES) {
            e.guard = null;
            e.guardLimit = 0;
            try {
              if (held != null) {
                held.release();
              }
            } finally {
              release(e);
            }
          }
        });
        return new Guard() {
          @Override
          public long limit() {
            return limit;
          }

          @Override
          public void close() throws IOException {
            closer.close();
          }
        };
      }
    });
  }

  /** Wraps a release so it runs once, on the lock thread. */
  private static Closeable once(Closeable release) {
    return new Closeable() {
      private boolean closed;

      @Override
      public void close() throws IOException {
        synchronized (this) {
          if (closed) {
            return;
          }
          closed = true;
        }
        onLockThread(() -> {
          release.close();
          return null;
        });
      }
    };
  }
}
