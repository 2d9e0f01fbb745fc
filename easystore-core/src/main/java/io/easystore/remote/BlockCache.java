package io.easystore.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A cache of aligned blocks of remote objects, keyed by location, version, block size and index.
 * Implementations may live in-process ({@link BlockCaches#memory}), on disk
 * ({@link BlockCaches#disk}) or in a shared service such as Redis.
 *
 * <p>Implementations must be thread-safe. A cache may drop any entry at any time. Because keys
 * carry the object version, an entry never goes stale; a reader still checks each block's length.
 */
public interface BlockCache {

  /**
   * The cached block, as a read-only buffer positioned at 0 (the caller may move its position
   * and limit but cannot change the bytes), or empty on a miss.
   */
  Optional<ByteBuffer> get(BlockKey key) throws IOException;

  /**
   * Stores a block. The cache takes ownership of {@code block}: the caller must not change the
   * array afterwards.
   */
  void put(BlockKey key, byte[] block) throws IOException;
}
