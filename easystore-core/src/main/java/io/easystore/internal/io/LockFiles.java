package io.easystore.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 * <p>The lock file exists only while someone uses it: the last user in a process deletes it on
 * release if it can take an exclusive lock on the whole file (so no other process holds or is
 * about to rely on any lock in it). Whoever opens the file checks after locking that the path
 * still names the file it opened, and starts over with a fresh file otherwise; so a lock taken on
 * a file just unlinked by another process is never trusted.
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
    /** Identity (device and inode) of the opened file, or null where the platform has none. */
    final Object key;
    int users;
    FileLock writer;
    FileLock guard;
    long guardLimit;
    final TreeMap<Long, int[]> leaseCounts = new TreeMap<>();
    final Map<Long, FileLock> leaseLocks = new HashMap<>();

    Entry(Path path, FileChannel channel, boolean writable, Object key) {
      this.path = path;
      this.channel = channel;
      this.writable = writable;
      this.key = key;
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

  /** The file's identity, or null if it is absent. */
  private static Object keyOf(Path p) {
    try {
      Object k = java.nio.file.Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
      return k == null ? NO_KEY : k;
    } catch (IOException e) {
      return null;
    }
  }

  /** The identity of files on platforms without one: never deleted, always current. */
  private static final Object NO_KEY = new Object();

  /** Whether {@code e}'s file is still the one its path names (not unlinked by a releasing process). */
  private static boolean current(Entry e) {
    return e.key == NO_KEY || e.key.equals(keyOf(e.path));
  }

  /**
   * The shared entry of {@code lockFile}, opened (created if absent) when this JVM has none. A
   * writer's failure to open it is thrown; a reader that cannot create it gets null (no lease
   * possible), and one that cannot write it shares it read-only.
   */
  private static Entry acquire(Path lockFile, boolean writer) throws IOException {
    Entry e = FILES.get(lockFile);
    while (e == null) {
      Object before = keyOf(lockFile);
      FileChannel ch;
      boolean writable = true;
      try {
        ch = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
      } catch (java.nio.file.FileSystemException denied) {
        if (writer) {
          throw denied;
        }
        try {
          ch = FileChannel.open(lockFile, StandardOpenOption.READ);
        } catch (NoSuchFileException missing) {
          return null;
        }
        writable = false;
      }
      // Our descriptor is open, so the file's inode cannot be reused: the same identity before
      // and after the open means we opened the file the path names. A file we just created is
      // opened once more, so that this holds for it too.
      Object after = keyOf(lockFile);
      if (after == null || before == null || !before.equals(after)) {
        ch.close();
        continue;
      }
      e = new Entry(lockFile, ch, writable, after);
      FILES.put(lockFile, e);
    }
    e.users++;
    return e;
  }

  private static void release(Entry e) throws IOException {
    if (--e.users == 0) {
      FILES.remove(e.path);
      try {
        removeIfUnused(e);
      } finally {
        e.channel.close();
      }
    }
  }

  /**
   * Deletes the lock file when no process holds any lock in it. The whole-file lock keeps anyone
   * from trusting a new lock on it while it is unlinked; they see the path changed and start over.
   */
  private static void removeIfUnused(Entry e) throws IOException {
    if (!e.writable || e.key == NO_KEY) {
      return;
    }
    FileLock all;
    try {
      all = e.channel.tryLock(0, Long.MAX_VALUE, false);
    } catch (OverlappingFileLockException other) {
      return;
    }
    if (all == null) {
      return;
    }
    try {
      if (current(e)) {
        java.nio.file.Files.deleteIfExists(e.path);
      }
    } finally {
      all.release();
    }
  }

  /** Drops an entry whose file another process unlinked; only the caller was using it. */
  private static void discardStale(Entry e) throws IOException {
    e.users--;
    FILES.remove(e.path);
    e.channel.close();
  }

  /**
   * A lock that another process's brief whole-file lock (while it deletes an unused lock file)
   * may refuse: tries a few times, and throws {@link Stale} when the file was unlinked meanwhile.
   */
  private static FileLock tryLockCurrent(Entry e, long position, long size, boolean shared) throws IOException {
    for (int attempt = 0; ; attempt++) {
      FileLock l = tryLock(e, position, size, shared);
      if (!current(e)) {
        if (l != null) {
          l.release();
        }
        throw new Stale();
      }
      if (l != null || attempt == 2) {
        return l;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** From {@link #tryLockCurrent}: the file was unlinked by a releasing process; open a fresh one. */
  private static final class Stale extends IOException {
    private static final long serialVersionUID = 1L;

    Stale() {
      super("lock file replaced", null);
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
        Entry e;
        FileLock l;
        while (true) {
          e = acquire(lf, true);
          try {
            l = e.writer == null ? tryLockCurrent(e, 0, 1, false) : null;
            break;
          } catch (Stale stale) {
            discardStale(e);
          }
        }
        if (l == null) {
          release(e);
          return null;
        }
        e.writer = l;
        Entry held = e;
        FileLock lock = l;
        return once(() -> {
          synchronized (FILES) {
            held.writer = null;
            try {
              lock.release();
            } finally {
              release(held);
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
    return onLockThread(() -> {
      synchronized (FILES) {
        while (true) {
          // Created if absent (and removed again on release): a writer that comes later must see the lease.
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
            FileLock l;
            try {
              l = tryLockCurrent(e, 1 + generation, 1, true);
            } catch (Stale stale) {
              discardStale(e);
              continue;
            }
            if (l == null) {
              release(e);
              return null;
            }
            count = new int[1];
            e.leaseCounts.put(generation, count);
            e.leaseLocks.put(generation, l);
          }
          count[0]++;
          return leaseHandle(e, generation);
        }
      }
    });
  }

  private static Closeable leaseHandle(Entry e, long generation) {
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
