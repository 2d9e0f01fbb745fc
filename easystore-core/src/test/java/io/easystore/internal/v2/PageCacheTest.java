package io.easystore.internal.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.internal.common.EntryFields;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The page cache never holds more than its budget, a pinned one keeps everything, the first node
 * cached for a page stays, and a page needed by every lookup survives a scan. Eviction order is
 * W-TinyLFU's business, not asserted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PageCacheTest {
  private static Node node(int firstKeyByte) throws Exception {
    NodeBuilder b = new NodeBuilder(0, 4, 0);
    EntryFields e = new EntryFields();
    e.setKey(new byte[] {0, (byte) firstKeyByte}, 2);
    e.dataOffset = 32;
    b.tryAddLeaf(e, 4096);
    byte[] page = b.finish(4096);
    return Node.parse("t", 0, page, 0, page.length, 0);
  }

  private static Node node() throws Exception {
    return node('a');
  }

  @Test
  void boundedCacheStaysWithinItsBudget() throws Exception {
    Node n = node();
    PageCache cache = new PageCache(64 << 10);
    for (long p = 0; p < 10_000; p++) {
      cache.put(p, n, 4096);
      assertThat(cache.bytes()).isLessThanOrEqualTo(64 << 10);
    }
    int held = 0;
    for (long p = 0; p < 10_000; p++) {
      if (cache.get(p) != null) {
        held++;
      }
    }
    assertThat(held).isBetween(1, 16);
    assertThat(cache.bytes()).isEqualTo(held * 4096L);
  }

  @Test
  void zeroBudgetCachesNothingAndPinnedKeepsAll() throws Exception {
    Node n = node();
    PageCache none = new PageCache(0);
    none.put(1, n, 4096);
    assertThat(none.get(1)).isNull();
    assertThat(none.bytes()).isZero();
    PageCache pinned = new PageCache(Long.MAX_VALUE);
    for (long p = 0; p < 5_000; p++) {
      pinned.put(p, n, 4096);
    }
    assertThat(pinned.bytes()).isEqualTo(5_000L * 4096);
    for (long p = 0; p < 5_000; p++) {
      assertThat(pinned.get(p)).isSameAs(n);
    }
  }

  @Test
  void theFirstNodeCachedForAPageStaysAndIsCountedOnce() throws Exception {
    Node first = node('a');
    Node second = node('b');
    for (long budget : new long[] {1 << 20, Long.MAX_VALUE}) {
      PageCache cache = new PageCache(budget);
      cache.put(7, first, 4096);
      cache.put(7, second, 4096);
      assertThat(cache.get(7)).isSameAs(first);
      assertThat(cache.bytes()).isEqualTo(4096);
    }
  }

  @Test
  void aPageHeavierThanTheBudgetIsNotCached() throws Exception {
    PageCache cache = new PageCache(4095);
    cache.put(1, node(), 4096);
    assertThat(cache.get(1)).isNull();
    assertThat(cache.bytes()).isZero();
    PageCache exact = new PageCache(4096);
    exact.put(1, node(), 4096);
    assertThat(exact.get(1)).isNotNull();
  }

  @Test
  void aPageReadByEveryLookupSurvivesAScanOfPagesReadOnce() throws Exception {
    Node hot = node('h');
    Node cold = node('c');
    PageCache cache = new PageCache(16 * 4096);
    cache.put(0, hot, 4096);
    for (long p = 1; p <= 5_000; p++) {
      assertThat(cache.get(0)).as("after %d scanned pages", p - 1).isSameAs(hot);
      cache.put(p, cold, 4096);
    }
  }

  @Test
  void threadsSharingACacheOnlyGetTheNodeCachedForThatPage() throws Exception {
    Node[] nodes = new Node[16];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = node('a' + i);
    }
    for (long budget : new long[] {32 * 4096, Long.MAX_VALUE}) {
      PageCache cache = new PageCache(budget);
      int threads = 6;
      CyclicBarrier start = new CyclicBarrier(threads);
      List<FutureTask<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        tasks.add(new FutureTask<>(() -> {
          SplittableRandom r = new SplittableRandom(seed);
          int hits = 0;
          start.await();
          for (int i = 0; i < 20_000; i++) {
            long page = r.nextInt(256);
            Node n = cache.get(page);
            if (n == null) {
              cache.put(page, nodes[(int) (page % nodes.length)], 4096);
            } else {
              assertThat(n).isSameAs(nodes[(int) (page % nodes.length)]);
              hits++;
            }
          }
          return hits;
        }));
      }
      for (FutureTask<Integer> task : tasks) {
        Thread th = new Thread(task, "page reader");
        th.setDaemon(true);
        th.start();
      }
      for (FutureTask<Integer> task : tasks) {
        assertThat(task.get()).isPositive();
      }
      if (budget == Long.MAX_VALUE) {
        assertThat(cache.bytes()).as("every page once, never twice").isEqualTo(256 * 4096L);
      } else {
        assertThat(cache.bytes()).isLessThanOrEqualTo(budget);
      }
    }
  }
}
