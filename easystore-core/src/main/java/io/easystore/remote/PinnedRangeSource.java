package io.easystore.remote;

import io.easystore.io.RequestStats;

import io.easystore.io.RangeSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The remote source: immutable after open except for the counters, the read-ahead windows and the
 * closed flag; reads hold no lock while a request is in flight. A read is served from the tail, from
 * a read-ahead window (only during a {@link #scanning whole-container pass}:
 * {@link ReadAhead} fetches growing windows up to {@link #MAX_WINDOW}), or costs one conditional
 * request.
 */
final class PinnedRangeSource implements RemoteRangeSource {
  private final RangeTransport transport;
  private final RemoteOptions options;
  private final RequestStats stats;
  private final ObjectVersion version;
  private final byte[] tail;
  private final long tailOffset;
  private final ReadAhead readAhead;
  private final java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;

  private PinnedRangeSource(RangeTransport transport, RemoteOptions options, RequestStats stats,
      RangeTransport.Tail opened) {
    this.transport = transport;
    this.options = options;
    this.stats = stats;
    this.version = opened.version();
    this.tail = opened.bytes();
    this.tailOffset = version.size() - tail.length;
    this.readAhead = new ReadAhead(tailOffset, Math.min(MAX_WINDOW, options.maxRequestBytes()));
  }

  /** Largest read-ahead window: one request of a sequential pass. */
  static final int MAX_WINDOW = 8 << 20;

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

  // Asked on every read by a cache in front; the answer is fixed at open, so it is built once.
  private volatile java.util.Optional<io.easystore.io.RemoteInfo> remote;

  @Override
  public java.util.Optional<io.easystore.io.RemoteInfo> remote() {
    java.util.Optional<io.easystore.io.RemoteInfo> r = remote;
    if (r == null) {
      r = RemoteRangeSource.super.remote();
      remote = r;
    }
    return r;
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
      ByteBuffer served = scans.get() > 0 ? readAhead.serve(position, length) : null;
      if (served == null && scans.get() <= 0) {
        served = ByteBuffer.wrap(fetch(position, length));
      } else if (served == null) {
        ReadAhead.Plan plan = readAhead.plan(position, length);
        byte[] bytes = fetch(plan.from(), plan.length());
        readAhead.install(plan, bytes);
        served = ByteBuffer.wrap(bytes, 0, length);
      }
      dst.put(served);
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

  @Override
  public void scanning(boolean begin) {
    scans.addAndGet(begin ? 1 : -1);
  }

  private byte[] fetch(long position, int length) throws IOException {
    byte[] bytes = options.retry().execute(name(), stats, () -> {
      byte[] b = transport.fetch(position, length, version);
      if (b.length != length) {
        throw new ShortReadException(name(), position, length, b.length);
      }
      return b;
    });
    stats.recordBytes(length);
    return bytes;
  }

  /** Opens the sibling with one request, under the same options; it has its own counters. */
  @Override
  public RangeSource sibling(String relativeKey) throws IOException {
    io.easystore.internal.io.SiblingKeys.check(relativeKey);
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
