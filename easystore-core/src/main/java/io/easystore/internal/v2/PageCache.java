package io.easystore.internal.v2;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded cache of parsed index pages keyed by page number, least recently used first out.
 * Sixteen independently locked segments keep lookups from different threads from contending on
 * one lock. A budget of 0 caches nothing; {@link Long#MAX_VALUE} never evicts (a pinned index).
 *
 * <p>Thread-safe. Cached nodes are immutable and shared between threads.
 */
public final class PageCache {
  private static final int SEGMENTS = 16;

  private final Segment[] segments = new Segment[SEGMENTS];

  public PageCache(long budgetBytes) {
    long perSegment = budgetBytes == Long.MAX_VALUE ? Long.MAX_VALUE : budgetBytes / SEGMENTS;
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(perSegment);
    }
  }

  private Segment segment(long page) {
    return segments[(int) ((page ^ (page >>> 16)) & (SEGMENTS - 1))];
  }

  Node get(long page) {
    return segment(page).get(page);
  }

  void put(long page, Node node, int weight) {
    segment(page).put(page, node, weight);
  }

  /** Bytes held, for tests and stats. */
  long bytes() {
    long b = 0;
    for (Segment s : segments) {
      synchronized (s) {
        b += s.bytes;
      }
    }
    return b;
  }

  private static final class Segment {
    private final long budget;
    private final LinkedHashMap<Long, Node> map = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Long, Integer> weights = new LinkedHashMap<>();
    private long bytes;

    Segment(long budget) {
      this.budget = budget;
    }

    synchronized Node get(long page) {
      return map.get(page);
    }

    synchronized void put(long page, Node node, int weight) {
      if (weight > budget || map.containsKey(page)) {
        return;
      }
      map.put(page, node);
      weights.put(page, weight);
      bytes += weight;
      Iterator<Map.Entry<Long, Node>> it = map.entrySet().iterator();
      while (bytes > budget && it.hasNext()) {
        Long victim = it.next().getKey();
        it.remove();
        bytes -= weights.remove(victim);
      }
    }
  }
}
