package io.easystore.remote;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Least-recently-used blocks in the heap, bounded by total bytes. Thread-safe: one lock guards the
 * map; the lock is never held during I/O.
 */
final class MemoryBlockCache implements BlockCache {
  private final long maxBytes;
  private final LinkedHashMap<BlockKey, byte[]> blocks = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  MemoryBlockCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public Optional<ByteBuffer> get(BlockKey key) {
    byte[] block;
    synchronized (this) {
      block = blocks.get(key);
    }
    return block == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(block).asReadOnlyBuffer());
  }

  @Override
  public void put(BlockKey key, byte[] block) {
    if (block.length > maxBytes) {
      return;
    }
    synchronized (this) {
      byte[] old = blocks.put(key, block);
      bytes += block.length - (old == null ? 0 : old.length);
      Iterator<Map.Entry<BlockKey, byte[]>> it = blocks.entrySet().iterator();
      while (bytes > maxBytes && it.hasNext()) {
        bytes -= it.next().getValue().length;
        it.remove();
      }
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int entries() {
    return blocks.size();
  }

  @Override
  public synchronized String toString() {
    return "memory block cache (" + blocks.size() + " blocks, " + bytes + " of " + maxBytes + " bytes)";
  }
}
