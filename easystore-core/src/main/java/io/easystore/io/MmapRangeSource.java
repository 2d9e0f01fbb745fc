package io.easystore.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Thread-safe: each read works on a duplicate of the shared mapping, so no position is shared.
 * The mapping stays valid until the garbage collector frees it; {@link #close()} only closes the
 * channel, which the JDK allows while mappings are alive. Reads touch only the mapping, never the
 * channel, so an interrupted reading thread cannot break the source for the others.
 */
final class MmapRangeSource implements RangeSource {
  private static final int WINDOW_BITS = 30;
  private static final long WINDOW = 1L << WINDOW_BITS;

  private final Path path;
  private final FileChannel channel;
  private final long size;
  private final MappedByteBuffer[] windows;

  MmapRangeSource(Path path) throws IOException {
    this.path = path;
    NotRegularFileException.requireRegularFile(path);
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
    int count = (int) ((size + WINDOW - 1) >>> WINDOW_BITS);
    this.windows = new MappedByteBuffer[count];
    for (int i = 0; i < count; i++) {
      long start = (long) i << WINDOW_BITS;
      windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(WINDOW, size - start));
    }
  }

  @Override
  public java.util.Optional<Path> localPath() {
    return java.util.Optional.of(path);
  }

  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    return new MmapRangeSource(RangeSources.siblingPath(path, relativeKey));
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long position, ByteBuffer dst) {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    if (position >= size) {
      return -1;
    }
    MappedByteBuffer window = windows[(int) (position >>> WINDOW_BITS)];
    int offset = (int) (position & (WINDOW - 1));
    int n = Math.min(dst.remaining(), window.capacity() - offset);
    ByteBuffer slice = window.duplicate();
    slice.position(offset).limit(offset + n);
    dst.put(slice);
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
