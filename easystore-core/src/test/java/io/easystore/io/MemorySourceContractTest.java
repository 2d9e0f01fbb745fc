package io.easystore.io;

import io.easystore.testing.RangeSourceContract;

/** The contract for {@link RangeSources#memory}. */
class MemorySourceContractTest extends RangeSourceContract {
  @Override
  protected RangeSource open(byte[] content) {
    return RangeSources.memory("memory", content);
  }
}
