package io.easystore.remote;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block cache contract for {@link BlockCaches#tiered} over memory and disk, both with the same
 * bound: damage to the disk tier must not bring wrong bytes back through either tier.
 */
class TieredBlockCacheContractTest extends BlockCacheContract {
  @TempDir Path dir;
  private MemoryBlockCache memory;

  @Override
  protected BlockCache create(long maxBytes) throws IOException {
    memory = new MemoryBlockCache(maxBytes);
    return BlockCaches.tiered(memory, BlockCaches.disk(dir, maxBytes));
  }

  @Override
  protected long held(BlockCache cache) throws IOException {
    return Math.max(memory.bytes(), DiskBlockCacheContractTest.filesUnder(dir));
  }

  @Override
  protected boolean damage(BlockCache cache, long seed) throws IOException {
    DiskBlockCacheContractTest.damageTheOnlyFile(dir, seed);
    return true;
  }
}
