package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteOptionsTest {
  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    RemoteOptions d = RemoteOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(RemoteOptions.builder().build()).isEqualTo(d);
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.retry()).isEqualTo(RetryPolicy.defaults());
    assertThat(d.tailBytes()).isEqualTo(RemoteOptions.DEFAULT_TAIL_BYTES);
    assertThat(d.maxRequestBytes()).isEqualTo(RemoteOptions.DEFAULT_MAX_REQUEST_BYTES);
    assertThat(d.headers()).isEmpty();
    assertThat(d.properties()).isEmpty();
    assertThat(d.cache()).isNull();
    assertThat(d.blockSize()).isEqualTo(RemoteOptions.DEFAULT_BLOCK_SIZE);
    assertThat(d.httpClient()).isNull();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    BlockCache cache = BlockCaches.memory(1 << 20);
    RemoteOptions o = RemoteOptions.builder().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .retry(RetryPolicy.none()).tailBytes(100).maxRequestBytes(8192).header("Authorization", "x")
        .property("s3.region", "eu-west-1").cache(cache).blockSize(8192).build();
    RemoteOptions changed = o.withTailBytes(200).withProperty("s3.pathStyle", "true");
    assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(changed.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(changed.retry()).isEqualTo(RetryPolicy.none());
    assertThat(changed.maxRequestBytes()).isEqualTo(8192);
    assertThat(changed.headers()).isEqualTo(Map.of("Authorization", "x"));
    assertThat(changed.properties()).isEqualTo(Map.of("s3.region", "eu-west-1", "s3.pathStyle", "true"));
    assertThat(changed.cache()).isSameAs(cache);
    assertThat(changed.blockSize()).isEqualTo(8192);
    assertThat(changed.tailBytes()).isEqualTo(200);
    // Turning the cache off keeps the block size, so turning it back on restores the same options.
    assertThat(o.withCache(null, 0).withCache(cache, 8192)).isEqualTo(o);
    assertThat(o.withCache(null, 0).blockSize()).isEqualTo(8192);
  }

  @Test
  void builderRejectsBlockSizeWithoutACache() {
    assertThatThrownBy(() -> RemoteOptions.builder().blockSize(1 << 20).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize(1048576)")
        .hasMessageContaining("cache(...)");
    assertThat(RemoteOptions.builder().blockSize(1 << 20).cache(BlockCaches.memory(1 << 22)).build().blockSize())
        .isEqualTo(1 << 20);
  }

  @Test
  void builderRejectsTheSameHeaderTwiceInDifferentCase() {
    assertThatThrownBy(() -> RemoteOptions.builder().header("Authorization", "a").header("authorization", "b").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Authorization")
        .hasMessageContaining("authorization").hasMessageContaining("give it once");
    assertThat(RemoteOptions.builder().header("X-A", "1").header("X-A", "2").build().headers())
        .isEqualTo(Map.of("X-A", "2"));
  }

  @Test
  void builderRejectsOutOfRangeSettings() {
    RemoteOptions.Builder b = RemoteOptions.builder();
    assertThatThrownBy(() -> b.tailBytes(0)).hasMessageContaining("tailBytes");
    assertThatThrownBy(() -> b.maxRequestBytes(100)).hasMessageContaining("maxRequestBytes");
    assertThatThrownBy(() -> b.blockSize(100)).hasMessageContaining("blockSize");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ofSeconds(-1))).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> b.header("Range", "bytes=0-1")).hasMessageContaining("range protocol");
    assertThatThrownBy(() -> b.headers(Map.of("If-Match", "x"))).hasMessageContaining("range protocol");
    assertThatThrownBy(() -> b.retry(null)).isInstanceOf(NullPointerException.class);
    assertThat(b.build()).isEqualTo(RemoteOptions.defaults());
  }

  @Test
  void equalOptionsPrintAlikeAndMaskSecrets() {
    RemoteOptions a = RemoteOptions.defaults().withProperty("s3.secretAccessKey", "hunter3");
    RemoteOptions b = RemoteOptions.builder().properties(Map.of("s3.secretAccessKey", "hunter3")).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(RemoteOptions.defaults());
    assertThat(a.toString()).isEqualTo(b.toString()).doesNotContain("hunter3").startsWith("RemoteOptions[");
  }
}
