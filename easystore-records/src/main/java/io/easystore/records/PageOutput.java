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
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new IOException(path + ": another writer has this archive open");
      }
      this.lock = l;
      this.position = ch.size();
    }

    FileChannel channel() {
      return ch;
    }

    /** Cuts the file to {@code size} (torn tail removal) and continues there. */
    void truncate(long size) throws IOException {
      ch.truncate(size);
      ch.force(true);
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
      ByteBuffer buf = ByteBuffer.wrap(b);
      try {
        while (buf.hasRemaining()) {
          position += ch.write(buf, position);
        }
      } catch (IOException e) {
        // A failed page must not leave half a page that a retried write would land behind.
        try {
          ch.truncate(start);
          position = start;
        } catch (IOException t) {
          e.addSuppressed(t);
        }
        throw e;
      }
    }

    @Override
    public void sync() throws IOException {
      ch.force(false);
    }

    @Override
    public void close() throws IOException {
      try {
        if (lock.isValid()) {
          lock.release();
        }
      } finally {
        ch.close();
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
