package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codecs;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterOptionsTest {
  private static final KeyProvider KEYS = KeyProviders.of("k1", new byte[32]);

  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    WriterOptions d = WriterOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(WriterOptions.builder().build()).isEqualTo(d);
    assertThat(d.codec).isEqualTo(CodecId.ZSTD);
    assertThat(d.level).isEqualTo(Codecs.DEFAULT_ZSTD_LEVEL);
    assertThat(d.pageSize()).isEqualTo(WriterOptions.DEFAULT_PAGE_SIZE);
    assertThat(d.maxPageAge()).isNull();
    assertThat(d.host).isNotEmpty();
    assertThat(d.keyId).isNull();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    Clock fixed = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    WriterOptions o = WriterOptions.builder().codec(CodecId.DEFLATE, 9).pageSize(4096)
        .maxPageAge(Duration.ofSeconds(5)).maxItemSize(100).description("d").host("h").application("a")
        .contentType("json").properties(Map.of("k", "v")).encryption("k1", KEYS).syncOnFlush(true).clock(fixed)
        .build();
    WriterOptions changed = o.withPageSize(8192).withHost("h2");
    assertThat(changed.codec).isEqualTo(CodecId.DEFLATE);
    assertThat(changed.level).isEqualTo(9);
    assertThat(changed.maxPageAge()).isEqualTo(Duration.ofSeconds(5));
    assertThat(changed.maxItemSize).isEqualTo(100);
    assertThat(changed.description).isEqualTo("d");
    assertThat(changed.application).isEqualTo("a");
    assertThat(changed.contentType).isEqualTo("json");
    assertThat(changed.properties).isEqualTo(Map.of("k", "v"));
    assertThat(changed.keyId).isEqualTo("k1");
    assertThat(changed.keys).isSameAs(KEYS);
    assertThat(changed.syncOnFlush).isTrue();
    assertThat(changed.clock).isSameAs(fixed);
    assertThat(changed.withPageSize(4096).withHost("h")).isEqualTo(o);
  }

  @Test
  void builderRejectsAnEncryptionKeyIdWithoutAKeyProvider() {
    // Before the check moved into build(), this failed only when the archive was created.
    assertThatThrownBy(() -> WriterOptions.defaults().withEncryption("k1", KEYS).withKeys(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("encryption needs a key provider")
        .hasMessageContaining("'k1'").hasMessageContaining("keys(provider)");
  }

  @Test
  void builderRejectsBadValuesAtTheSetter() {
    WriterOptions.Builder b = WriterOptions.builder();
    assertThatThrownBy(() -> b.codec(CodecId.ZSTD_DICTIONARY)).hasMessageContaining("none, deflate or zstd");
    assertThatThrownBy(() -> b.codec(CodecId.DEFLATE, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.pageSize(10)).hasMessageContaining("page size");
    assertThatThrownBy(() -> b.maxPageAge(Duration.ZERO)).hasMessageContaining("max page age");
    assertThatThrownBy(() -> b.maxItemSize(0)).hasMessageContaining("max item size");
    assertThatThrownBy(() -> b.encryption("bad id!", KEYS)).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.build()).isEqualTo(WriterOptions.defaults());
  }
}
