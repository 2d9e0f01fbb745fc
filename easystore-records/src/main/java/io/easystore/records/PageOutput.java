package io.easystore.records;

import io.easystore.io.ContainerSink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a writer's pages go. Not thread-safe; the writer serialises calls. */
interface PageOutput extends Closeable {
  String name();

  long position();

  /** Writes all of {@code b} at {@link #position()}. */
  void write(byte[] b) throws IOException;

  void sync() throws IOException;

  /** An archive file appended in place, under an exclusive lock. */
  static PageOutput file(Path path) throws IOException {
    return new FileOutput(path);
  }

  /** A sink (temporary file, multipart upload) published on close. */
  static PageOutput sink(ContainerSink sink) {
    return new SinkOutput(sink);
  }

  /** The archive is the write-ahead log: pages become durable in place, one write per page. */
  final class FileOutput implements PageOutput {
    private final Path path;
    private final FileChannel ch;
    private final FileLock lock;
    private long position;

    FileOutput(Path path) throws IOException {
      this.path = path;
      io.easystore.io.NotRegularFileException.requireRegularFile(path);
      this.ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      long size;
      try {
        l = ChannelThread.call(path.toString(), () -> {
          try {
            return ch.tryLock();
          } catch (OverlappingFileLockException e) {
            return null;
          }
        });
        size = l == null ? 0 : ChannelThread.call(path.toString(), ch::size);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (l == null) {
        ch.close();
        throw new IOException(path + ": another writer has this archive open");
      }
      this.lock = l;
      this.position = size;
    }

    FileChannel channel() {
      return ch;
    }

    /** Cuts the file to {@code size} (torn tail removal) and continues there. */
    void truncate(long size) throws IOException {
      ChannelThread.call(name(), () -> {
        ch.truncate(size);
        ch.force(true);
        return null;
      });
      position = size;
    }

    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void write(byte[] b) throws IOException {
      long start = position;
      position = ChannelThread.call(name(), () -> {
        ByteBuffer buf = ByteBuffer.wrap(b);
        long at = start;
        try {
          while (buf.hasRemaining()) {
            at += ch.write(buf, at);
          }
          return at;
        } catch (IOException e) {
          // A failed page must not leave half a page that a retried write would land behind.
          try {
            ch.truncate(start);
          } catch (IOException t) {
            e.addSuppressed(t);
          }
          throw e;
        }
      });
    }

    @Override
    public void sync() throws IOException {
      ChannelThread.call(name(), () -> {
        ch.force(false);
        return null;
      });
    }

    @Override
    public void close() throws IOException {
      // Closing drops the lock anyway, but an interrupted caller must still release it cleanly
      // rather than get ClosedByInterruptException from a close that did its job.
      boolean interrupted = Thread.interrupted();
      try {
        if (lock.isValid()) {
          lock.release();
        }
      } finally {
        try {
          ch.close();
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  /** Streams pages into a sink and publishes it when the writer closes. */
  final class SinkOutput implements PageOutput {
    private final ContainerSink sink;

    SinkOutput(ContainerSink sink) {
      this.sink = sink;
    }

    @Override
    public String name() {
      return sink.name();
    }

    @Override
    public long position() {
      return sink.position();
    }

    @Override
    public void write(byte[] b) throws IOException {
      sink.write(b, 0, b.length);
    }

    @Override
    public void sync() {
      // A sink becomes durable as a whole when it is published.
    }

    @Override
    public void close() throws IOException {
      try {
        sink.publish();
      } finally {
        sink.close();
      }
    }
  }
}
