package io.easystore.internal.updates;

import io.easystore.internal.v2.V2Header;
import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.io.UpdatableFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The container file as an updater writes it: positional reads and writes on one read-write
 * channel, the header's update anchor, durability barriers and truncation. Counts the bytes it
 * writes (for benchmarks and {@code des} output).
 *
 * <p>Not thread-safe for writing (one updater thread); {@link #source} reads are positional and may
 * run on any thread while the channel is open. An interrupt of one thread fails only that thread's
 * operation ({@link io.easystore.internal.io.ReopeningChannel}); the others, and the updater's next operation, go on.
 * Every write is positional, so repeating one on a reopened channel writes the same bytes.
 */
final class ContainerFile implements Closeable {
  private final Location dir;
  private final String fileName;
  private final Path path;
  private volatile UpdatableFile channel;
  private long bytesWritten;
  private long syncs;

  /** The file {@code name} of {@code dir}, which is {@code path}; every write goes through {@code dir}. */
  ContainerFile(Location dir, String name, Path path) throws IOException {
    this.dir = dir;
    this.fileName = name;
    this.path = path;
    this.channel = dir.openForUpdate(name);
  }

  Path path() {
    return path;
  }

  /** The directory the file is written through (a compaction publishes its rewrite there). */
  Location location() {
    return dir;
  }

  /** The file's name in {@link #location()}. */
  String fileName() {
    return fileName;
  }

  String name() {
    return path.toString();
  }

  long size() throws IOException {
    return channel.size();
  }

  long bytesWritten() {
    return bytesWritten;
  }

  long syncs() {
    return syncs;
  }

  void write(long position, ByteBuffer src) throws IOException {
    long p = position;
    while (src.hasRemaining()) {
      int n = channel.write(src, p);
      p += n;
      bytesWritten += n;
    }
  }

  void write(long position, byte[] b, int off, int len) throws IOException {
    write(position, ByteBuffer.wrap(b, off, len));
  }

  /** Makes written data and the file length durable (fdatasync). */
  void sync() throws IOException {
    channel.force(false);
    syncs++;
  }

  /** Cuts the file to {@code length} durably. */
  void truncate(long length) throws IOException {
    channel.truncate(length);
    channel.force(true);
    syncs++;
  }

  /** Writes the update anchor into the header and makes it durable. */
  void writeAnchor(long anchor, UUID uuid) throws IOException {
    write(V2Header.ANCHOR_OFFSET, ByteBuffer.wrap(V2Header.anchorBytes(anchor, uuid)));
    sync();
  }

  /** Reopens the channel, after the file was replaced by a rename. */
  void reopen() throws IOException {
    UpdatableFile fresh = dir.openForUpdate(fileName);
    UpdatableFile old = channel;
    channel = fresh;
    old.close();
  }

  /** Positional reads of the first {@code size} bytes; closing it does not close the file. */
  RangeSource source(long size) {
    return RangeSources.positional(name(), size, channel::read);
  }

  /** Sequential writes from {@code start}, as a sink whose publish and close do nothing. */
  ContainerSink sinkAt(long start) {
    return new ContainerSink() {
      private long position = start;

      @Override
      public String name() {
        return ContainerFile.this.name();
      }

      @Override
      public void write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        ContainerFile.this.write(position, src);
        position += n;
      }

      @Override
      public long position() {
        return position;
      }

      @Override
      public void publish() {
        // Durability is the commit's business.
      }

      @Override
      public void close() {
        // The updater owns the channel.
      }
    };
  }

  /** Sequential writes from {@code start} as a buffered stream; close flushes but keeps the file open. */
  CountingOutput streamAt(long start) {
    return new CountingOutput(start);
  }

  final class CountingOutput extends OutputStream {
    private final byte[] buf = new byte[256 << 10];
    private int used;
    private long position;
    private final long start;

    CountingOutput(long start) {
      this.start = start;
      this.position = start;
    }

    /** Bytes accepted so far (flushed or not). */
    long count() {
      return position + used - start;
    }

    @Override
    public void write(int b) throws IOException {
      if (used == buf.length) {
        flush();
      }
      buf[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - used) {
        flush();
        if (len >= buf.length) {
          ContainerFile.this.write(position, b, off, len);
          position += len;
          return;
        }
      }
      System.arraycopy(b, off, buf, used, len);
      used += len;
    }

    @Override
    public void flush() throws IOException {
      if (used > 0) {
        ContainerFile.this.write(position, buf, 0, used);
        position += used;
        used = 0;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
