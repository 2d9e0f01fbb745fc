package io.easystore.remote;

/** The block cache contract for {@link BlockCaches#memory}; there is no stored copy to damage. */
class MemoryBlockCacheContractTest extends BlockCacheContract {
  @Override
  protected BlockCache create(long maxBytes) {
    return BlockCaches.memory(maxBytes);
  }

  @Override
  protected long held(BlockCache cache) {
    return ((MemoryBlockCache) cache).bytes();
  }

  @Override
  protected boolean damage(BlockCache cache, long seed) {
    return false;
  }
}
