package io.easystore.io;

import io.easystore.internal.io.AtomicFiles;
import io.easystore.internal.io.LockFiles;
import io.easystore.internal.io.ReopeningChannel;
import io.easystore.internal.io.SiblingKeys;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A local directory. Sources are {@link FileRangeSource}s over a {@link ReopeningChannel}, so an
 * interrupted reader fails alone and never closes the file for the other threads; sinks are
 * {@link FileSink}s (temporary file beside the target, {@link #publish}); containers opened for
 * update are {@link ReopeningChannel}s too; writer locks and reader
 * leases are the byte-range locks on {@code NAME.lock} ({@link LockFiles}: generation leases,
 * inode re-check, lock calls on a private thread so an interrupt cannot drop a lock).
 *
 * <p>Thread-safe and immutable.
 */
final class LocalLocation implements Location {
  private final Path dir;

  LocalLocation(Path dir) {
    // Not normalized: lock files are found with toRealPath, and dropping "b/.." lexically would
    // name another file than the path resolved through a symbolic link b.
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
  }

  /**
   * The file {@code name} names: in this directory or below, never elsewhere. Any file name the
   * platform allows is accepted (a local name may contain {@code :} or {@code ?}, which
   * {@link SiblingKeys} keeps out of keys read from containers), but no empty, {@code .} or
   * {@code ..} segment and no absolute path.
   */
  Path file(String name) {
    if (name == null || name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a name in " + dir + ": '" + name + "'");
    }
    Path p = dir;
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a name in " + dir + ": '" + name + "'");
      }
      p = p.resolve(segment);
    }
    if (!p.normalize().startsWith(dir.normalize()) || p.getParent() == null) {
      throw new IllegalArgumentException("name '" + name + "' leaves " + dir);
    }
    return p;
  }

  @Override
  public String name() {
    return dir.toString();
  }

  @Override
  public RangeSource open(String name) throws IOException {
    return new FileRangeSource(file(name));
  }

  @Override
  public ContainerSink create(String name) throws IOException {
    return new FileSink(file(name));
  }

  @Override
  public UpdatableFile openForUpdate(String name) throws IOException {
    Path p = file(name);
    NotRegularFileException.requireRegularFile(p);
    return new ReopeningChannel(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Override
  public Location resolve(String relative) {
    return new LocalLocation(file(relative));
  }

  @Override
  public Optional<Location> parent() {
    Path p = dir.normalize().getParent();
    return p == null ? Optional.empty() : Optional.of(new LocalLocation(p));
  }

  @Override
  public Optional<Path> localPath() {
    return Optional.of(dir);
  }

  @Override
  public Optional<Closeable> lockWriter(String name) throws IOException {
    return Optional.ofNullable(LockFiles.writer(file(name)));
  }

  @Override
  public Optional<Closeable> lease(String name, long generation) throws IOException {
    return Optional.ofNullable(LockFiles.lease(file(name), generation));
  }

  @Override
  public void publish(String temp, String name) throws IOException {
    AtomicFiles.publish(file(temp), file(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalLocation l && l.dir.equals(dir);
  }

  @Override
  public int hashCode() {
    return dir.hashCode();
  }

  @Override
  public String toString() {
    return "LocalLocation[" + dir + "]";
  }
}
