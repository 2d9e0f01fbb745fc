package io.easystore.internal.common;

import io.easystore.io.ContainerSink;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Coalesces small writes into 256 KiB blocks before they reach the underlying sink, so that a
 * container of many small bodies costs one system call (or upload part write) per block instead
 * of one per body. Large writes bypass the buffer. Not thread-safe, like the sink it wraps; it
 * owns that sink.
 */
public final class BufferedSink implements ContainerSink {
  private static final int BLOCK = 256 << 10;

  private final ContainerSink sink;
  private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK);

  public BufferedSink(ContainerSink sink) {
    this.sink = sink;
  }

  @Override
  public String name() {
    return sink.name();
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    if (src.remaining() > buffer.remaining()) {
      flush();
      if (src.remaining() >= BLOCK) {
        sink.write(src);
        return;
      }
    }
    buffer.put(src);
  }

  private void flush() throws IOException {
    if (buffer.position() > 0) {
      buffer.flip();
      sink.write(buffer);
      buffer.clear();
    }
  }

  @Override
  public long position() {
    return sink.position() + buffer.position();
  }

  @Override
  public String siblingBaseName() {
    return sink.siblingBaseName();
  }

  @Override
  public String siblingPrefix() {
    return sink.siblingPrefix();
  }

  @Override
  public ContainerSink sibling(String relativeKey) throws IOException {
    return sink.sibling(relativeKey);
  }

  @Override
  public void publish() throws IOException {
    flush();
    sink.publish();
  }

  @Override
  public void close() throws IOException {
    sink.close();
  }
}
