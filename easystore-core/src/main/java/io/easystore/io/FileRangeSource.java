package io.easystore.io;

import io.easystore.internal.io.ReopeningChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Thread-safe: reads are positional, so no position is shared. An interrupt of one reading thread
 * does not break the source for the others ({@link ReopeningChannel}).
 */
final class FileRangeSource implements RangeSource {
  private final Path path;
  private final ReopeningChannel channel;
  private final long size;

  FileRangeSource(Path path) throws IOException {
    this.path = path;
    NotRegularFileException.requireRegularFile(path);
    this.channel = new ReopeningChannel(path, StandardOpenOption.READ);
    long s;
    try {
      s = channel.size();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.size = s;
  }

  @Override
  public Optional<Path> localPath() {
    return Optional.of(path);
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
    // Never read past the length fixed at open, even if the file has grown since.
    return RangeSources.bounded(size, position, dst, channel::read);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
