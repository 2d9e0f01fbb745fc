package io.easystore.remote;

import io.easystore.internal.remote.ContentRange;

import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small value types: Content-Range, ObjectVersion, RemoteOptions, RequestStats. */
class RemoteValuesTest {

  @Test
  void contentRangesParse() throws Exception {
    assertThat(ContentRange.parse("bytes 0-9/100", "x", 206)).isEqualTo(new ContentRange(0, 9, 100));
    assertThat(ContentRange.parse("bytes 5-9/*", "x", 206)).isEqualTo(new ContentRange(5, 9, -1));
    assertThat(ContentRange.parse("bytes */0", "x", 416).isUnsatisfied()).isTrue();
    assertThat(ContentRange.parse("bytes 0-9/100", "x", 206).length()).isEqualTo(10);
  }

  @Test
  void malformedOrImpossibleContentRangesAreProtocolErrors() {
    for (String bad : new String[] {"bytes 9-0/100", "bytes 0-100/100", "items 0-1/2", "bytes -1-5/9",
        "bytes 0-99999999999999999999/1", ""}) {
      assertThatThrownBy(() -> ContentRange.parse(bad, "x", 206)).as(bad)
          .isInstanceOf(RemoteProtocolException.class);
    }
    assertThatThrownBy(() -> ContentRange.parse(null, "x", 206)).isInstanceOf(RemoteProtocolException.class)
        .hasMessageContaining("without a Content-Range");
  }

  @Test
  void versionsPinOnlyWithAStrongEtagOrAVersionId() {
    assertThat(new ObjectVersion("\"a\"", null, null, 5).isPinned()).isTrue();
    assertThat(new ObjectVersion("W/\"a\"", null, null, 5).isPinned()).isFalse();
    assertThat(new ObjectVersion(null, "v1", null, 5).isPinned()).isTrue();
    assertThat(new ObjectVersion(null, null, "Mon", 5).cacheToken()).isNull();
    assertThat(new ObjectVersion("\"a\"", null, null, 5).cacheToken())
        .isNotEqualTo(new ObjectVersion("\"a\"", null, null, 6).cacheToken());
    assertThat(new ObjectVersion("\"a\"", null, null, 5).sameEtag("W/\"a\"")).isTrue();
    assertThat(new ObjectVersion("\"a\"", null, null, 5).sameEtag("\"b\"")).isFalse();
    assertThatThrownBy(() -> new ObjectVersion(null, null, null, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionsValidateTheirRanges() {
    RemoteOptions d = RemoteOptions.defaults();
    assertThatThrownBy(() -> d.withTailBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxRequestBytes(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCache(BlockCaches.memory(10), 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withHeaders(Map.of("Range", "bytes=0-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionsNeverPrintSecrets() {
    RemoteOptions o = RemoteOptions.defaults()
        .withHeaders(Map.of("Authorization", "Bearer hunter2"))
        .withProperty("s3.secretAccessKey", "hunter3")
        .withProperty("s3.region", "eu-west-1");
    assertThat(o.toString()).doesNotContain("hunter2").doesNotContain("hunter3").contains("eu-west-1");
  }

  @Test
  void statsCountFromManyThreadsAndSubtract() throws Exception {
    RequestStats stats = new RequestStats();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          stats.recordRequest();
          stats.recordBytes(3);
          stats.recordRetry();
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    RequestStats.Snapshot s = stats.snapshot();
    assertThat(s).isEqualTo(new RequestStats.Snapshot(4000, 12_000, 4000));
    assertThat(s.minus(new RequestStats.Snapshot(1, 2, 3))).isEqualTo(new RequestStats.Snapshot(3999, 11_998, 3997));
    assertThatThrownBy(() -> stats.recordBytes(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
