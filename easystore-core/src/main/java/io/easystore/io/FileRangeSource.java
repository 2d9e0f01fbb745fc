package io.easystore.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Thread-safe: {@link FileChannel#read(ByteBuffer, long)} does not move a shared position. */
final class FileRangeSource implements RangeSource {
  private final Path path;
  private final FileChannel channel;
  private final long size;

  FileRangeSource(Path path) throws IOException {
    this.path = path;
    NotRegularFileException.requireRegularFile(path);
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
  }

  Path path() {
    return path;
  }

  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    return new FileRangeSource(RangeSources.siblingPath(path, relativeKey));
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
  public int read(long position, ByteBuffer dst) throws IOException {
    if (position >= size) {
      return -1;
    }
    int limit = dst.limit();
    long room = size - position;
    if (dst.remaining() > room) {
      // Never read past the length fixed at open, even if the file has grown since.
      dst.limit(dst.position() + (int) room);
    }
    try {
      return channel.read(dst, position);
    } finally {
      dst.limit(limit);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
