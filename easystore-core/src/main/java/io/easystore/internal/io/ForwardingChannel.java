package io.easystore.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * A {@link SeekableByteChannel} that passes every call to another one; subclasses override what
 * they add (usually {@link #close()}, to release something with the channel). {@code position(p)}
 * returns this channel, not the delegate. As thread-safe as the delegate.
 */
public abstract class ForwardingChannel implements SeekableByteChannel {
  /** The channel calls go to. */
  protected final SeekableByteChannel delegate;

  protected ForwardingChannel(SeekableByteChannel delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return delegate.write(src);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
