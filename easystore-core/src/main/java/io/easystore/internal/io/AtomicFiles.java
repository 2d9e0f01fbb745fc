package io.easystore.internal.io;

import io.easystore.io.NonAtomicStorageException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The one durability rule for every file EasyStore publishes (containers, compacted containers,
 * rewritten and re-keyed containers, exported archives, record archive headers): the complete
 * temporary file is forced to disk, then renamed over the target in one atomic step, then the
 * directory is forced so that the rename itself survives a power loss. Readers see the old file or
 * the whole new one, never a mixture, and after {@code publish} returns the new file is durable.
 *
 * <p>There is no non-atomic fallback: a file system that cannot rename atomically within one
 * directory fails the publish (and the temporary file stays for the caller to delete) rather than
 * break the "old or whole new" promise. Directory sync is skipped only where the platform cannot
 * open a directory (Windows), where the rename is still atomic.
 *
 * <p>Thread-safe and stateless, apart from the test seam {@link #ops}.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** The file system operations a publish is made of, in this order; a seam for ordering tests. */
  interface FileOps {
    void syncFile(Path file) throws IOException;

    void move(Path temp, Path target) throws IOException;

    void link(Path temp, Path target) throws IOException;

    void syncDirectory(Path dir) throws IOException;
  }

  static final FileOps SYSTEM = new FileOps() {
    @Override
    public void syncFile(Path file) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }

    @Override
    public void move(Path temp, Path target) throws IOException {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        NonAtomicStorageException n = new NonAtomicStorageException(temp.toString(), target.toString(),
            "the file system " + describeStore(temp) + " cannot rename atomically, so " + target
                + " cannot be replaced without a window where it is incomplete");
        n.initCause(e);
        throw n;
      }
    }

    @Override
    public void link(Path temp, Path target) throws IOException {
      Files.createLink(target, temp);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
        // Directories cannot be opened or forced here (Windows): the rename is atomic, only its
        // durability then depends on the file system's own journal.
      }
    }
  };

  private static String describeStore(Path p) {
    try {
      java.nio.file.FileStore store = Files.getFileStore(p);
      return "'" + store.name() + "' (" + store.type() + ")";
    } catch (IOException | RuntimeException e) {
      return "of " + p.toAbsolutePath().getParent();
    }
  }

  /** Replaced by tests to record the order of operations; {@link #SYSTEM} otherwise. */
  static volatile FileOps ops = SYSTEM;

  /**
   * Publishes the finished file {@code temp} as {@code target}, replacing any file there: fsync
   * {@code temp}, atomic rename, fsync the directory. {@code temp} must be in the same directory
   * (same file system) and must no longer be written.
   */
  public static void publish(Path temp, Path target) throws IOException {
    FileOps o = ops;
    o.syncFile(temp);
    o.move(temp, target);
    syncParent(o, target);
  }

  /**
   * Publishes {@code temp} as {@code target} only if nothing exists there (a hard link, so two
   * racing creators cannot both win), then syncs the directory. {@code temp} is synced first; the
   * caller deletes it afterwards.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists
   * @throws NonAtomicStorageException if the file system has neither hard links nor atomic rename
   */
  public static void publishNew(Path temp, Path target) throws IOException {
    FileOps o = ops;
    o.syncFile(temp);
    try {
      o.link(temp, target);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      // No hard links here (some network and FUSE file systems): the same atomic rename as
      // publish, after a check that nothing is there. Only two creators racing within that check
      // can still both succeed (the later one wins); a reader never sees a partial file.
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new java.nio.file.FileAlreadyExistsException(target.toString());
      }
      o.move(temp, target);
    }
    syncParent(o, target);
  }

  /** Forces directory {@code dir} (a rename or create in it) to disk where the platform allows. */
  public static void syncDirectory(Path dir) throws IOException {
    ops.syncDirectory(Objects.requireNonNull(dir, "dir"));
  }

  private static void syncParent(FileOps o, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) {
      o.syncDirectory(dir);
    }
  }
}
