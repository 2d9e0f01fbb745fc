package io.easystore.internal.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.internal.common.EntryFields;
import org.junit.jupiter.api.Test;

/** The page cache never holds more than its budget, and a pinned one keeps everything. */
class PageCacheTest {
  private static Node node() throws Exception {
    NodeBuilder b = new NodeBuilder(0, 4, 0);
    EntryFields e = new EntryFields();
    e.setKey(new byte[] {0, 'a'}, 2);
    e.dataOffset = 32;
    b.tryAddLeaf(e, 4096);
    byte[] page = b.finish(4096);
    return Node.parse("t", 0, page, 0, page.length, 0);
  }

  @Test
  void boundedCacheStaysWithinItsBudget() throws Exception {
    Node n = node();
    PageCache cache = new PageCache(64 << 10);
    for (long p = 0; p < 10_000; p++) {
      cache.put(p, n, 4096);
      assertThat(cache.bytes()).isLessThanOrEqualTo(64 << 10);
    }
    assertThat(cache.get(9_999)).isSameAs(n);
    assertThat(cache.get(0)).isNull();
  }

  @Test
  void zeroBudgetCachesNothingAndPinnedKeepsAll() throws Exception {
    Node n = node();
    PageCache none = new PageCache(0);
    none.put(1, n, 4096);
    assertThat(none.get(1)).isNull();
    PageCache pinned = new PageCache(Long.MAX_VALUE);
    for (long p = 0; p < 5_000; p++) {
      pinned.put(p, n, 4096);
    }
    assertThat(pinned.bytes()).isEqualTo(5_000L * 4096);
    assertThat(pinned.get(0)).isSameAs(n);
  }
}
