package io.easystore.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Looks in each cache in turn (fastest first) and copies a hit into the faster caches it missed;
 * stores into all. Thread-safe if its caches are.
 */
final class TieredBlockCache implements BlockCache {
  private final List<BlockCache> tiers;

  TieredBlockCache(List<BlockCache> tiers) {
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("no caches given");
    }
    this.tiers = List.copyOf(tiers);
  }

  @Override
  public Optional<ByteBuffer> get(BlockKey key) throws IOException {
    for (int i = 0; i < tiers.size(); i++) {
      Optional<ByteBuffer> hit = tiers.get(i).get(key);
      if (hit.isPresent()) {
        if (i > 0) {
          ByteBuffer b = hit.get().duplicate();
          byte[] copy = new byte[b.remaining()];
          b.get(copy);
          for (int j = 0; j < i; j++) {
            tiers.get(j).put(key, copy);
          }
        }
        return hit;
      }
    }
    return Optional.empty();
  }

  @Override
  public void put(BlockKey key, byte[] block) throws IOException {
    for (BlockCache tier : tiers) {
      tier.put(key, block);
    }
  }

  @Override
  public String toString() {
    return "tiered " + tiers;
  }
}
