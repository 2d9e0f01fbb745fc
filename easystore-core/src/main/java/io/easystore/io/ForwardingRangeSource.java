package io.easystore.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RangeSource} that passes every call to another one; subclasses override what they
 * change (counting, leases, closing hooks). Capabilities ({@link #localPath()},
 * {@link #requestStats()}, {@link #remote()}) pass through too, so a wrapped local file keeps crash-tail recovery and
 * leases. Thread-safe if the delegate is and the subclass keeps it so. Buffers pass through
 * untouched.
 */
public abstract class ForwardingRangeSource implements RangeSource {
  /** The source calls go to. */
  protected final RangeSource delegate;

  protected ForwardingRangeSource(RangeSource delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    return delegate.read(position, dst);
  }

  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    return delegate.sibling(relativeKey);
  }

  @Override
  public void scanning(boolean begin) {
    delegate.scanning(begin);
  }

  @Override
  public Optional<Path> localPath() {
    return delegate.localPath();
  }

  @Override
  public Optional<RequestStats.Snapshot> requestStats() {
    return delegate.requestStats();
  }

  @Override
  public Optional<RemoteInfo> remote() {
    return delegate.remote();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
