package io.easystore.internal.common;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Streams {@code [start, start + length)} of a source in chunks with positional reads, so many
 * streams over one source proceed independently. Not thread-safe itself (like any InputStream);
 * closing it does not close the source, which the reader owns.
 */
public final class EntryInputStream extends InputStream {
  private static final int CHUNK = 64 << 10;

  private final RangeSource source;
  private final long end;
  private long position;
  private final ByteBuffer buffer;

  public EntryInputStream(RangeSource source, long start, long length) {
    this.source = source;
    this.position = start;
    this.end = start + length;
    this.buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, length)));
    buffer.limit(0);
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    return buffer.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (buffer.hasRemaining()) {
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }
    long left = end - position;
    if (left <= 0) {
      return -1;
    }
    if (len >= buffer.capacity()) {
      // Large reads go straight into the caller's array instead of through the buffer.
      int n = (int) Math.min(len, left);
      source.readFully(position, ByteBuffer.wrap(b, off, n));
      position += n;
      return n;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  private boolean fill() throws IOException {
    long left = end - position;
    if (left <= 0) {
      return false;
    }
    buffer.clear();
    buffer.limit((int) Math.min(buffer.capacity(), left));
    source.readFully(position, buffer);
    position += buffer.position();
    buffer.flip();
    return true;
  }

  @Override
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    long fromBuffer = Math.min(n, buffer.remaining());
    buffer.position(buffer.position() + (int) fromBuffer);
    long fromSource = Math.min(n - fromBuffer, end - position);
    position += fromSource;
    return fromBuffer + fromSource;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, buffer.remaining() + (end - position));
  }
}
