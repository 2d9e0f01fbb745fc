package io.easystore.records;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs operations on a writer's locked channel on private threads that nobody interrupts. The JDK
 * closes a {@link FileChannel} when a thread blocked in (or entering) an operation on it is
 * interrupted; on Linux that close also drops the process's POSIX lock, so one interrupted caller
 * would let another process open a second writer. A separate read-only channel is no way out
 * either: closing any descriptor of the file drops the lock just the same.
 *
 * <p>A caller interrupted before the call gets {@link InterruptedIOException} and nothing is done
 * (a page write leaves its records buffered, so a later flush writes them). An interrupt arriving
 * while the operation runs does not abandon it: the operation completes (a write must not end
 * half done), and the interrupt status is kept for the caller's next blocking call.
 *
 * <p>Thread-safe. Operations from different callers may run concurrently; each caller orders its
 * own.
 */
final class ChannelThread {
  private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "easystore-records-io");
    t.setDaemon(true);
    return t;
  });

  private ChannelThread() {}

  @FunctionalInterface
  interface Op<T> {
    T run() throws IOException;
  }

  /**
   * Reads through the writer's own locked channel, on these threads. A second channel would not
   * do: on Linux, closing any descriptor of a file drops the process's POSIX locks on it, the
   * writer's included. The size is fixed now; closing the source leaves the channel open.
   */
  static io.easystore.io.RangeSource source(String name, FileChannel ch) throws IOException {
    long size = call(name, ch::size);
    return io.easystore.io.RangeSources.positional(name, size,
        (dst, position) -> call(name, () -> ch.read(dst, position)));
  }

  /** Runs {@code op} on a private thread; {@code name} names the archive in the interrupt message. */
  static <T> T call(String name, Op<T> op) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException(name + ": interrupted; the archive was not touched");
    }
    Future<T> f = IO.submit(op::run);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException(name + ": " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
