package io.easystore.remote;

import java.util.Objects;

/**
 * Names one aligned block of one version of one object: bytes
 * {@code [index * blockSize, min(size, (index + 1) * blockSize))}. Immutable.
 *
 * @param location where the object lives (a URL or {@code s3://bucket/key})
 * @param version the {@link ObjectVersion#cacheToken()} of the version read
 * @param blockSize the block size in bytes
 * @param index the block number
 */
public record BlockKey(String location, String version, int blockSize, long index) {

  public BlockKey {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(version, "version");
    if (blockSize <= 0) {
      throw new IllegalArgumentException("blockSize must be positive, got " + blockSize);
    }
    if (index < 0) {
      throw new IllegalArgumentException("negative block index " + index);
    }
  }

  /** One string that identifies the block, for shared caches that key by string. */
  public String asString() {
    return location + "\n" + version + "\n" + blockSize + "\n" + index;
  }
}
