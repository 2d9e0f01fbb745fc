package io.easystore.internal.v2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of parsed index pages keyed by page number, weighed by the byte length the
 * caller gives. A budget of 0 caches nothing; {@link Long#MAX_VALUE} never evicts (a pinned index).
 *
 * <p>A Caffeine cache: lock-free lookups, and W-TinyLFU eviction rather than LRU, so a scan that
 * touches every page once ({@code verify}, a full listing) does not push out the root's children
 * that every lookup needs. Eviction runs on the thread that inserts ({@code executor(Runnable::run)}),
 * so the weight bound holds when {@link #put} returns and no work is left to a shared pool.
 *
 * <p>Thread-safe. Cached nodes are immutable and shared between threads.
 */
public final class PageCache {
  /** A node with the weight it was cached under. */
  private record Page(Node node, int weight) {}

  private final long budget;
  /** Null when the budget is 0. */
  private final Cache<Long, Page> pages;
  /** Bytes held by a pinned cache, which has no eviction policy to ask. */
  private final LongAdder pinnedBytes = new LongAdder();

  public PageCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("negative page cache budget " + budgetBytes);
    }
    this.budget = budgetBytes;
    if (budgetBytes == 0) {
      pages = null;
    } else if (budgetBytes == Long.MAX_VALUE) {
      // Unbounded: no frequency sketch or access buffers to maintain for a cache that never evicts.
      pages = Caffeine.newBuilder().executor(Runnable::run).build();
    } else {
      pages = Caffeine.newBuilder()
          .maximumWeight(budgetBytes)
          .weigher((Long page, Page p) -> p.weight())
          .executor(Runnable::run)
          .build();
    }
  }

  public Node get(long page) {
    if (pages == null) {
      return null;
    }
    Page p = pages.getIfPresent(page);
    return p == null ? null : p.node();
  }

  /** Caches {@code node} unless the page is cached already (the first node stays) or outweighs the budget. */
  public void put(long page, Node node, int weight) {
    if (pages == null || weight > budget) {
      return;
    }
    if (pages.asMap().putIfAbsent(page, new Page(node, weight)) == null && budget == Long.MAX_VALUE) {
      pinnedBytes.add(weight);
    }
  }

  /** Bytes held, for tests and stats: exact once concurrent puts have returned. */
  public long bytes() {
    if (pages == null) {
      return 0;
    }
    if (budget == Long.MAX_VALUE) {
      return pinnedBytes.sum();
    }
    pages.cleanUp();
    return pages.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }
}
