package io.easystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import org.junit.jupiter.api.Test;

class ReaderOptionsTest {
  private static final KeyProvider KEYS = KeyProviders.of("k1", new byte[32]);

  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    ReaderOptions d = ReaderOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(ReaderOptions.builder().build()).isEqualTo(d);
    assertThat(d.maxEntries()).isEqualTo(20_000_000L);
    assertThat(d.maxIndexBytes()).isEqualTo(1L << 30);
    assertThat(d.maxMetaBytes()).isEqualTo(16 << 20);
    assertThat(d.maxBatchBytes()).isEqualTo(64 << 20);
    assertThat(d.tailBytes()).isEqualTo(64 << 10);
    assertThat(d.pageCacheBytes()).isEqualTo(ReaderOptions.DEFAULT_PAGE_CACHE_BYTES);
    assertThat(d.verifyOnRead()).isTrue();
    assertThat(d.batchConcurrency()).isEqualTo(ReaderOptions.DEFAULT_BATCH_CONCURRENCY);
    assertThat(d.keys()).isNull();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    ReaderOptions o = ReaderOptions.builder().maxEntries(7).maxIndexBytes(1000).maxMetaBytes(99).maxBatchBytes(5000)
        .tailBytes(4096).pageCacheBytes(0).verifyOnRead(false).batchConcurrency(3).keys(KEYS).build();
    assertThat(o.withMaxEntries(8)).isEqualTo(o.toBuilder().maxEntries(8).build());
    ReaderOptions changed = o.withBatchConcurrency(4).withTailBytes(100);
    assertThat(changed.maxEntries()).isEqualTo(7);
    assertThat(changed.maxIndexBytes()).isEqualTo(1000);
    assertThat(changed.maxMetaBytes()).isEqualTo(99);
    assertThat(changed.maxBatchBytes()).isEqualTo(5000);
    assertThat(changed.pageCacheBytes()).isZero();
    assertThat(changed.verifyOnRead()).isFalse();
    assertThat(changed.keys()).isSameAs(KEYS);
    assertThat(changed.batchConcurrency()).isEqualTo(4);
    assertThat(changed.tailBytes()).isEqualTo(100);
    assertThat(o.withKeys(null).withKeys(KEYS)).isEqualTo(o);
    assertThat(o.withPinnedIndex().pageCacheBytes()).isEqualTo(Long.MAX_VALUE);
    assertThat(o.withPinnedIndex().withPageCacheBytes(5).pageCacheBytes()).isEqualTo(5);
  }

  @Test
  void builderRejectsOutOfRangeLimitsNamingTheSetting() {
    ReaderOptions.Builder b = ReaderOptions.builder();
    assertThatThrownBy(() -> b.maxEntries(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> b.maxIndexBytes(-1)).hasMessageContaining("maxIndexBytes");
    assertThatThrownBy(() -> b.maxIndexBytes(1L << 31)).hasMessageContaining("2 GiB");
    assertThatThrownBy(() -> b.maxMetaBytes(0)).hasMessageContaining("maxMetaBytes");
    assertThatThrownBy(() -> b.maxBatchBytes(-5)).hasMessageContaining("maxBatchBytes");
    assertThatThrownBy(() -> b.tailBytes(71)).hasMessageContaining("tailBytes");
    assertThatThrownBy(() -> b.pageCacheBytes(-1)).hasMessageContaining("pageCacheBytes");
    assertThatThrownBy(() -> b.batchConcurrency(0)).hasMessageContaining("batchConcurrency");
    assertThatThrownBy(() -> b.batchConcurrency(ReaderOptions.MAX_BATCH_CONCURRENCY + 1))
        .hasMessageContaining("batchConcurrency");
    assertThatThrownBy(() -> ReaderOptions.defaults().withMaxEntries(-1)).isInstanceOf(IllegalArgumentException.class);
    // A refused setting leaves the builder as it was.
    assertThat(b.build()).isEqualTo(ReaderOptions.defaults());
  }

  @Test
  void builderRejectsPinnedIndexTogetherWithAFinitePageCache() {
    assertThatThrownBy(() -> ReaderOptions.builder().pinnedIndex().pageCacheBytes(1 << 20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pinnedIndex()").hasMessageContaining("pageCacheBytes(1048576)");
    assertThat(ReaderOptions.builder().pinnedIndex().build().pageCacheBytes()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void systemPropertiesStillRaiseTheDefaults() {
    System.setProperty("easystore.maxEntries", "123");
    try {
      assertThat(ReaderOptions.defaults().maxEntries()).isEqualTo(123);
      assertThat(ReaderOptions.builder().build().maxEntries()).isEqualTo(123);
    } finally {
      System.clearProperty("easystore.maxEntries");
    }
  }

  @Test
  void equalOptionsPrintAlike() {
    ReaderOptions a = ReaderOptions.defaults().withMaxEntries(5);
    ReaderOptions b = ReaderOptions.builder().maxEntries(5).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(ReaderOptions.defaults());
    assertThat(a.toString()).isEqualTo(b.toString()).startsWith("ReaderOptions[maxEntries=5,");
  }
}
