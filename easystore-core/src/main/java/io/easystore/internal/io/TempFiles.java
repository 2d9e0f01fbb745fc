package io.easystore.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that creates, publishes and discards temporary output files. Every temporary file
 * stays registered from creation until it is published (renamed into place) or discarded; a JVM
 * shutdown hook deletes whatever is still registered, so Ctrl-C or SIGTERM in the middle of a
 * write leaves nothing behind (the target keeps its previous complete version, or stays absent).
 * A SIGKILL or power loss still leaves the file; it is hidden ({@code .NAME.xxxx.tmp}).
 *
 * <p>Files made {@linkplain #createBeside beside a target} are created like any new file, so a
 * published output has the mode the user's umask gives (not {@link Files#createTempFile}'s 0600).
 *
 * <p>Thread-safe.
 */
public final class TempFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

  private TempFiles() {}

  /**
   * Creates a new empty hidden file {@code .NAME.<random>.tmp} in {@code target}'s directory,
   * registered for deletion at JVM exit. The directory must exist.
   */
  public static Path createBeside(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    while (true) {
      Path candidate = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
          + ".tmp");
      register(candidate);
      try {
        // CREATE_NEW without attributes: the mode is what the umask gives any new file.
        FileChannel.open(candidate, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW).close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        IN_FLIGHT.remove(candidate);
      } catch (IOException | RuntimeException e) {
        IN_FLIGHT.remove(candidate);
        throw e;
      }
    }
  }

  /**
   * Creates a private (0600) scratch file in {@code dir} (null: {@code java.io.tmpdir}), registered
   * for deletion at JVM exit; for spills that are never published.
   */
  public static Path createScratch(Path dir, String prefix, String suffix) throws IOException {
    Path p = dir == null ? Files.createTempFile(prefix, suffix) : Files.createTempFile(dir, prefix, suffix);
    register(p);
    return p;
  }

  /** Registers a file this process is writing, to be deleted at JVM exit unless published or discarded first. */
  public static void register(Path file) {
    if (!hooked) {
      installHook();
    }
    IN_FLIGHT.add(file.toAbsolutePath());
  }

  /** Stops tracking {@code file} without touching it (it was renamed into place or handed over). */
  public static void forget(Path file) {
    IN_FLIGHT.remove(file.toAbsolutePath());
  }

  /** Deletes {@code file} if it exists and stops tracking it. */
  public static void discard(Path file) throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      forget(file);
    }
  }

  /**
   * Publishes the finished {@code temp} as {@code target} by the one durability rule of
   * {@link AtomicFiles#publish} (fsync, atomic rename, directory fsync), then stops tracking it.
   */
  public static void publish(Path temp, Path target) throws IOException {
    AtomicFiles.publish(temp, target);
    forget(temp);
  }

  /** As {@link #publish}, for a file the caller has already closed (it is forced again, cheaply). */
  public static void moveIntoPlace(Path temp, Path target) throws IOException {
    publish(temp, target);
  }

  /** How many temporary files are registered now; for tests. */
  static int inFlight() {
    return IN_FLIGHT.size();
  }

  private static synchronized void installHook() {
    if (hooked) {
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "easystore-temp-cleanup"));
    hooked = true;
  }

  private static void deleteAll() {
    for (Path p : IN_FLIGHT) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // Exiting: nobody is left to tell, and the other files still deserve their attempt.
      }
    }
    // Lock files are left alone here: deleting one while this process still writes would let
    // another writer in before the JVM halts. The OS drops the locks; the empty file is harmless.
  }
}
