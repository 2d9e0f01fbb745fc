package io.easystore.records;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads through the writer's own locked channel. A second channel would not do: on Linux,
 * closing any descriptor of a file drops the process's POSIX locks on it, the writer's included.
 * Reads run on {@link ChannelThread}, so an interrupted caller gets an
 * {@link java.io.InterruptedIOException} instead of closing the channel (and dropping the lock).
 * Closing this source leaves the channel open.
 *
 * <p>Thread-safe: positional reads only.
 */
final class ChannelSource implements RangeSource {
  private final String name;
  private final FileChannel ch;
  private final long size;

  ChannelSource(String name, FileChannel ch) throws IOException {
    this.name = name;
    this.ch = ch;
    this.size = ChannelThread.call(name, ch::size);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    if (position >= size) {
      return -1;
    }
    int room = dst.remaining();
    if (position + room > size) {
      ByteBuffer slice = dst.slice();
      slice.limit((int) (size - position));
      int n = ChannelThread.call(name, () -> ch.read(slice, position));
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    return ChannelThread.call(name, () -> ch.read(dst, position));
  }

  @Override
  public void close() {
    // The writer owns the channel.
  }
}
