package io.easystore.testing;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Wraps a source so that every read returns at most {@code step} bytes, to test read loops. */
public final class TrickleSource extends io.easystore.io.ForwardingRangeSource {
  private final int step;

  public TrickleSource(RangeSource delegate, int step) {
    super(delegate);
    this.step = step;
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    int limit = dst.limit();
    dst.limit(dst.position() + Math.min(step, dst.remaining()));
    try {
      return delegate.read(position, dst);
    } finally {
      dst.limit(limit);
    }
  }
}
