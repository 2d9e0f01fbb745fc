package io.easystore.records;

import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.UpdatableFile;
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

  /** An archive file appended in place: its bytes so far can be read, and a torn tail cut. */
  interface InPlace extends PageOutput {
    /** The file as it is now; closing the view leaves the output open. */
    io.easystore.io.RangeSource view() throws IOException;

    /** Cuts the file to {@code size} (torn tail removal), durably, and continues there. */
    void truncate(long size) throws IOException;
  }

  /**
   * An archive file {@code name} of a {@link Location}, appended in place through its
   * {@link UpdatableFile} under the location's writer lock: the seam that lets tests run the
   * append path against fault-injecting storage.
   */
  static InPlace updatable(Location location, String name) throws IOException {
    Closeable lock = location.lockWriter(name)
        .orElseThrow(() -> new IOException(location.name() + " (" + name + "): another writer has this archive open"));
    try {
      return new UpdatableOutput(location.openForUpdate(name), lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The archive is the write-ahead log: pages become durable in place, one write per page. */
  final class FileOutput implements InPlace {
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

    @Override
    public io.easystore.io.RangeSource view() throws IOException {
      return ChannelThread.source(name(), ch);
    }

    @Override
    public void truncate(long size) throws IOException {
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

  /** {@link #updatable}: the same write discipline as {@link FileOutput}, through a Location. */
  final class UpdatableOutput implements InPlace {
    private final UpdatableFile f;
    private final Closeable lock;
    private long position;

    UpdatableOutput(UpdatableFile f, Closeable lock) throws IOException {
      this.f = f;
      this.lock = lock;
      this.position = f.size();
    }

    @Override
    public String name() {
      return f.name();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public io.easystore.io.RangeSource view() throws IOException {
      return f.view(f.size());
    }

    @Override
    public void truncate(long size) throws IOException {
      f.truncate(size);
      f.force(true);
      position = size;
    }

    @Override
    public void write(byte[] b) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b);
      long at = position;
      try {
        while (buf.hasRemaining()) {
          at += f.write(buf, at);
        }
      } catch (IOException e) {
        // As FileOutput: no half page for a retried write to land behind.
        try {
          f.truncate(position);
        } catch (IOException t) {
          e.addSuppressed(t);
        }
        throw e;
      }
      position = at;
    }

    @Override
    public void sync() throws IOException {
      f.force(false);
    }

    @Override
    public void close() throws IOException {
      try {
        f.close();
      } finally {
        lock.close();
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
