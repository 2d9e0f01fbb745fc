package io.easystore.remote;

import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.testing.RangeSourceContract;

/**
 * The contract for {@link CachingRangeSource} over a local source with 1000-byte blocks, so one
 * read call covers at most 64,000 bytes and long reads come back short.
 */
class CachingMemoryContractTest extends RangeSourceContract {
  private final BlockCache cache = BlockCaches.memory(64 << 10);
  private int counter;

  @Override
  protected RangeSource open(byte[] content) throws Exception {
    return CachingRangeSource.wrap(RangeSources.memory("mem" + counter, content), "v" + counter++, cache, 1000);
  }
}
