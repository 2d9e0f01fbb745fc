package io.easystore.remote;

import io.easystore.io.RangeSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The remote source: immutable after open except for the counters and the closed flag, so reads
 * need no lock. Each read is one conditional request for the part before the tail (if any) plus a
 * copy from the tail.
 */
final class PinnedRangeSource implements RemoteRangeSource {
  private final RangeTransport transport;
  private final RemoteOptions options;
  private final RequestStats stats;
  private final ObjectVersion version;
  private final byte[] tail;
  private final long tailOffset;
  private volatile boolean closed;

  private PinnedRangeSource(RangeTransport transport, RemoteOptions options, RequestStats stats,
      RangeTransport.Tail opened) {
    this.transport = transport;
    this.options = options;
    this.stats = stats;
    this.version = opened.version();
    this.tail = opened.bytes();
    this.tailOffset = version.size() - tail.length;
  }

  static PinnedRangeSource open(RangeTransport transport, RemoteOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    RequestStats stats = new RequestStats();
    RangeTransport.Tail opened = options.retry().execute(transport.name(), stats, () -> {
      RangeTransport.Tail t = transport.fetchTail(options.tailBytes());
      long size = t.version().size();
      int expected = (int) Math.min(options.tailBytes(), size);
      if (t.bytes().length != expected) {
        throw new ShortReadException(transport.name(), size - expected, expected, t.bytes().length);
      }
      return t;
    });
    for (int i = 1; i < opened.requests(); i++) {
      stats.recordRequest();
    }
    stats.recordBytes(opened.bytes().length);
    return new PinnedRangeSource(transport, options, stats, opened);
  }

  @Override
  public String name() {
    return transport.name();
  }

  @Override
  public String location() {
    return transport.location();
  }

  @Override
  public long size() {
    return version.size();
  }

  @Override
  public ObjectVersion version() {
    return version;
  }

  @Override
  public RequestStats.Snapshot stats() {
    return stats.snapshot();
  }

  @Override
  public long tailOffset() {
    return tailOffset;
  }

  @Override
  public ByteBuffer tail() {
    return ByteBuffer.wrap(tail).asReadOnlyBuffer();
  }

  @Override
  public int read(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    if (closed) {
      throw new IOException(name() + ": source is closed");
    }
    long size = version.size();
    if (position >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    long end = Math.min(size, position + dst.remaining());
    int n = 0;
    if (position < tailOffset) {
      long fetchEnd = Math.min(Math.min(end, tailOffset), position + options.maxRequestBytes());
      int length = (int) (fetchEnd - position);
      byte[] bytes = options.retry().execute(name(), stats, () -> {
        byte[] b = transport.fetch(position, length, version);
        if (b.length != length) {
          throw new ShortReadException(name(), position, length, b.length);
        }
        return b;
      });
      stats.recordBytes(length);
      dst.put(bytes);
      n = length;
      if (fetchEnd < tailOffset) {
        return n;
      }
    }
    long from = position + n;
    if (from < end) {
      int off = (int) (from - tailOffset);
      int len = (int) (end - from);
      dst.put(tail, off, len);
      n += len;
    }
    return n;
  }

  /** Opens the sibling with one request, under the same options; it has its own counters. */
  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    io.easystore.io.SiblingKeys.check(relativeKey);
    return RemoteRangeSource.open(transport.sibling(relativeKey), options);
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "remote source " + name() + " (" + version + ")";
  }
}
