package io.easystore.internal.io;

import io.easystore.io.Location;
import io.easystore.io.UpdatableFile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A {@link FileChannel} on one local file that survives interrupts. The JDK closes a FileChannel
 * for every thread when any thread using it is interrupted, which would turn one cancelled task into
 * a {@link ClosedChannelException} for every other user of a shared reader. This class reopens the
 * same file and repeats the operation for the threads that were not interrupted; the interrupted
 * thread gets an {@link InterruptedIOException} naming the file, with its interrupt status still
 * set.
 *
 * <p>The reopened channel must reach the same file: if the path now names another file (the
 * container was replaced by a rename since it was opened), the operation fails instead of reading
 * someone else's bytes. File identity is the file system's {@code fileKey} (device and inode on
 * POSIX); where the platform has none, the path is trusted.
 *
 * <p>Thread-safe: positional operations from any number of threads. Internal to EasyStore; the
 * local {@link Location} hands it out as the {@link UpdatableFile} of a container.
 */
public final class ReopeningChannel implements UpdatableFile {
  private final Path path;
  private final OpenOption[] options;
  private final Object fileKey;
  private final Object lock = new Object();
  private volatile FileChannel channel;
  private volatile boolean closed;

  /** Opens {@code path} with {@code options}. */
  public ReopeningChannel(Path path, OpenOption... options) throws IOException {
    this.path = Objects.requireNonNull(path, "path");
    this.options = options.clone();
    this.channel = FileChannel.open(path, this.options);
    this.fileKey = fileKey(path);
  }

  /** One positional operation on the current channel. */
  @FunctionalInterface
  public interface Op<T> {
    T apply(FileChannel channel) throws IOException;
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    run(ch -> {
      ch.force(metaData);
      return null;
    });
  }

  @Override
  public void truncate(long length) throws IOException {
    run(ch -> {
      ch.truncate(length);
      return null;
    });
  }

  /** The path this channel was opened with. */
  public Path path() {
    return path;
  }

  /** {@link FileChannel#read(ByteBuffer, long)}, repeated on a fresh channel after another thread's interrupt. */
  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return run(ch -> ch.read(dst, position));
  }

  /** {@link FileChannel#write(ByteBuffer, long)}, with the same interrupt handling as {@link #read}. */
  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    return run(ch -> ch.write(src, position));
  }

  /** The current length of the file. */
  @Override
  public long size() throws IOException {
    return run(FileChannel::size);
  }

  /**
   * Runs {@code op}, which must be safe to repeat (positional, no channel position): it is repeated
   * when another thread's interrupt closed the channel under it.
   */
  public <T> T run(Op<T> op) throws IOException {
    while (true) {
      FileChannel ch = channel;
      try {
        return op.apply(ch);
      } catch (ClosedByInterruptException e) {
        // This thread was interrupted and the JDK kept its interrupt status; the next thread to
        // find the channel closed reopens it (below).
        InterruptedIOException x = new InterruptedIOException(path + ": interrupted during file I/O");
        x.initCause(e);
        throw x;
      } catch (ClosedChannelException e) {
        if (closed) {
          throw e;
        }
        if (Thread.currentThread().isInterrupted()) {
          InterruptedIOException x = new InterruptedIOException(path + ": interrupted during file I/O");
          x.initCause(e);
          throw x;
        }
        // Another thread's interrupt closed the channel: open the file again and repeat.
        reopen(ch);
      }
    }
  }

  private void reopen(FileChannel stale) throws IOException {
    synchronized (lock) {
      if (closed || channel != stale) {
        return;
      }
      FileChannel fresh = FileChannel.open(path, options);
      Object key = fileKey(path);
      if (fileKey != null && !fileKey.equals(key)) {
        fresh.close();
        throw new IOException(path + ": the file was replaced since it was opened, so the channel an interrupt"
            + " closed cannot be reopened on the same bytes; open it again");
      }
      channel = fresh;
    }
  }

  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      closed = true;
      channel.close();
    }
  }
}
