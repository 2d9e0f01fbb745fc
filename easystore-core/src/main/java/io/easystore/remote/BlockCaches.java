package io.easystore.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Factories for the built-in {@link BlockCache} implementations. Stateless and thread-safe. */
public final class BlockCaches {
  private BlockCaches() {}

  /**
   * Blocks in the heap, at most {@code maxBytes} of block data; blocks read often outlive blocks
   * read once (W-TinyLFU, not LRU), and the bound holds when {@code put} returns.
   */
  public static BlockCache memory(long maxBytes) {
    return new MemoryBlockCache(maxBytes);
  }

  /**
   * Blocks as checksummed files under {@code dir} (created if missing), at most about
   * {@code maxBytes} on disk; for command-line tools that read the same containers run after run.
   */
  public static BlockCache disk(Path dir, long maxBytes) throws IOException {
    return new DiskBlockCache(dir, maxBytes);
  }

  /** Consults the caches in order, fastest first, and fills faster ones on a hit in a slower one. */
  public static BlockCache tiered(BlockCache... caches) {
    return new TieredBlockCache(List.of(caches));
  }
}
