package io.easystore.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Blocks in the heap, bounded by total bytes of block data: a Caffeine cache weighed by block
 * length. Eviction is W-TinyLFU, not least recently used: a block read often outlives a scan of
 * blocks read once, and a new block may be refused in favour of a more frequently read one (a
 * miss costs a fetch, never wrong bytes). Eviction runs on the thread that stores
 * ({@code executor(Runnable::run)}), so the bound holds when {@link #put} returns.
 *
 * <p>Thread-safe: lookups take no lock; no lock is held during I/O.
 */
final class MemoryBlockCache implements BlockCache {
  private final long maxBytes;
  private final Cache<BlockKey, byte[]> blocks;

  MemoryBlockCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.blocks = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((BlockKey key, byte[] block) -> block.length)
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Optional<ByteBuffer> get(BlockKey key) {
    byte[] block = blocks.getIfPresent(key);
    return block == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(block).asReadOnlyBuffer());
  }

  @Override
  public void put(BlockKey key, byte[] block) {
    if (block.length > maxBytes) {
      return;
    }
    blocks.put(key, block);
  }

  /** Bytes of block data held: exact once concurrent puts have returned. */
  long bytes() {
    blocks.cleanUp();
    return blocks.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  /** Blocks held: exact once concurrent puts have returned. */
  int entries() {
    blocks.cleanUp();
    return Math.toIntExact(blocks.estimatedSize());
  }

  @Override
  public String toString() {
    return "memory block cache (" + entries() + " blocks, " + bytes() + " of " + maxBytes + " bytes)";
  }
}
