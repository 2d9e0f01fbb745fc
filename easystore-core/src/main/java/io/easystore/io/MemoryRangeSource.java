package io.easystore.io;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Immutable and thread-safe as long as the caller leaves the array alone. */
final class MemoryRangeSource implements RangeSource {
  private final String name;
  private final byte[] bytes;

  MemoryRangeSource(String name, byte[] bytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public int read(long position, ByteBuffer dst) {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    if (position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), bytes.length - position);
    dst.put(bytes, (int) position, n);
    return n;
  }

  @Override
  public void close() {}
}
