package io.easystore.remote;

/**
 * Adaptive read-ahead for a remote source, so whole-container passes (verify, a full listing,
 * export, import) cost requests in proportion to the bytes they read rather than one per index
 * page or body. A read that continues where an earlier one ended (within {@link #GAP} bytes) is
 * part of a sequential stream: it fetches a window from its position, twice as large as the last
 * one of that stream, from {@link #FIRST_WINDOW} up to the largest window; later reads inside the
 * window cost nothing. A read that continues no stream costs exactly its own bytes, so a cold
 * lookup stays one request per page or body.
 *
 * <p>Up to {@link #STREAMS} streams are tracked at once (a verify reads index pages and bodies,
 * two regions, alternately), least recently used replaced first; at most that many windows are
 * held. Thread-safe: the state is guarded by this object's lock, which is never held while a
 * request is in flight.
 */
final class ReadAhead {
  static final int STREAMS = 4;
  static final int FIRST_WINDOW = 64 << 10;
  static final long GAP = 64 << 10;

  private final long limit;
  private final int maxWindow;
  private final Stream[] streams = new Stream[STREAMS];
  private long clock;

  /** One sequential stream: where its last read ended, its window (if any), the next window size. */
  private static final class Stream {
    long end;
    long start;
    byte[] data;
    int next;
    long used;
  }

  /**
   * What to fetch for a read of {@code want} bytes: {@code [from, from + length)}, and the stream
   * to install it in (null for an exact read that starts a new stream).
   */
  record Plan(long from, int length, int want, Stream stream) {}

  /**
   * @param limit offset where read-ahead stops (the start of the prefetched tail)
   * @param maxWindow largest window (one request)
   */
  ReadAhead(long limit, int maxWindow) {
    this.limit = limit;
    this.maxWindow = maxWindow;
  }

  /**
   * The bytes {@code [position, position + length)} if a window holds all of them (windows are
   * never written after they are installed), else null.
   */
  synchronized java.nio.ByteBuffer serve(long position, int length) {
    for (Stream s : streams) {
      if (s != null && s.data != null && position >= s.start && position + length <= s.start + s.data.length) {
        s.end = Math.max(s.end, position + length);
        s.used = ++clock;
        return java.nio.ByteBuffer.wrap(s.data, (int) (position - s.start), length);
      }
    }
    return null;
  }

  /** Decides what to fetch for a read of {@code length} bytes at {@code position} (below the limit). */
  synchronized Plan plan(long position, int length) {
    Stream hit = null;
    for (Stream s : streams) {
      if (s != null && position >= s.end - GAP && position <= s.end + GAP) {
        hit = s;
        break;
      }
    }
    if (hit == null) {
      Stream fresh = new Stream();
      fresh.end = position + length;
      fresh.next = Math.min(FIRST_WINDOW, maxWindow);
      fresh.used = ++clock;
      streams[victim()] = fresh;
      return new Plan(position, length, length, null);
    }
    int window = (int) Math.min(Math.max(length, hit.next), Math.min(maxWindow, limit - position));
    hit.next = (int) Math.min(maxWindow, (long) Math.max(window, hit.next) * 2);
    hit.used = ++clock;
    return new Plan(position, Math.max(window, length), length, hit);
  }

  /** Installs a fetched window in its stream. */
  synchronized void install(Plan p, byte[] bytes) {
    if (p.stream() == null) {
      return;
    }
    p.stream().start = p.from();
    p.stream().data = bytes;
    p.stream().end = Math.max(p.stream().end, p.from() + p.want());
  }

  private int victim() {
    int v = 0;
    for (int i = 0; i < streams.length; i++) {
      if (streams[i] == null) {
        return i;
      }
      if (streams[i].used < streams[v].used) {
        v = i;
      }
    }
    return v;
  }
}
