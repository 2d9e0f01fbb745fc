package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReaderOptionsTest {
  private static final KeyProvider KEYS = KeyProviders.of("k1", new byte[32]);

  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    ReaderOptions d = ReaderOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(ReaderOptions.builder().build()).isEqualTo(d);
    assertThat(d.maxPageSize()).isEqualTo(ReaderOptions.DEFAULT_MAX_PAGE_SIZE);
    assertThat(d.maxItemSize()).isEqualTo(ReaderOptions.DEFAULT_MAX_ITEM_SIZE);
    assertThat(d.keys()).isNull();
    assertThat(d.skipCorruptPages()).isFalse();
    assertThat(d.tolerateTornTail()).isFalse();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    Consumer<CorruptPageException> listener = e -> { };
    ReaderOptions o = ReaderOptions.builder().maxPageSize(1 << 20).maxItemSize(1000).keys(KEYS)
        .onSkip(listener).build();
    ReaderOptions changed = o.withSkipCorruptPages(true);
    assertThat(changed.maxPageSize()).isEqualTo(1 << 20);
    assertThat(changed.maxItemSize()).isEqualTo(1000);
    assertThat(changed.keys()).isSameAs(KEYS);
    assertThat(changed.onSkip()).isSameAs(listener);
    assertThat(changed.tolerateTornTail()).as("skipping implies a tolerated torn tail").isTrue();
    assertThat(changed.withSkipCorruptPages(false).tolerateTornTail()).isTrue();
    assertThat(o.withKeys(null).withKeys(KEYS)).isEqualTo(o);
  }

  @Test
  void builderRejectsAPageTooSmallForTheLargestRecord() {
    assertThatThrownBy(() -> ReaderOptions.builder().maxItemSize(1000).maxPageSize(1000).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPageSize")
        .hasMessageContaining("maxItemSize").hasMessageContaining("at least 1009");
    // Both set in one builder: the order does not matter, a wither one at a time could not raise both.
    assertThat(ReaderOptions.builder().maxPageSize(64 << 20).maxItemSize(48 << 20).build().maxItemSize())
        .isEqualTo(48 << 20);
    assertThatThrownBy(() -> ReaderOptions.builder().maxItemSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRejectsSkippingDamagedPagesWithoutToleratingATornTail() {
    assertThatThrownBy(() -> ReaderOptions.builder().skipCorruptPages(true).tolerateTornTail(false).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skipCorruptPages(true)")
        .hasMessageContaining("tolerateTornTail(false)");
    // Before the builder, this produced options that skipped damage yet claimed not to tolerate a torn tail.
    assertThatThrownBy(() -> ReaderOptions.defaults().withSkipCorruptPages(true).withTolerateTornTail(false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
