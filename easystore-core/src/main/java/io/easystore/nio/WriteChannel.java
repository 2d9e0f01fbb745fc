package io.easystore.nio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A channel for writing one entry: reads, writes, seeks and truncates a temporary file, and on
 * {@link #close()} hands that file to the publisher (which puts it into the container) and
 * deletes it. Nothing is visible in the file system before the close; a failed publish is thrown
 * from {@code close()} and leaves the entry as it was. Not thread-safe beyond what
 * {@link FileChannel} offers: one thread writes.
 */
final class WriteChannel extends io.easystore.internal.io.ForwardingChannel {
  /** Puts the finished body into the container. */
  @FunctionalInterface
  interface Publisher {
    void publish(Path body) throws IOException;
  }

  private final Path temp;
  private final DesFileSystem fs;
  private final Publisher publisher;
  private boolean closed;

  WriteChannel(FileChannel ch, Path temp, DesFileSystem fs, Publisher publisher) {
    super(ch);
    this.temp = temp;
    this.fs = fs;
    this.publisher = publisher;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      delegate.close();
      publisher.publish(temp);
    } finally {
      try {
        io.easystore.internal.io.TempFiles.discard(temp);
      } finally {
        fs.untrack(this);
      }
    }
  }
}
