package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every limit gives a typed error that names the limit and how to raise it. */
class LimitsTest {
  @TempDir Path tmp;

  private ElsOptions opts() {
    return ElsOptions.defaults().withSync(false);
  }

  @Test
  void bucketDepthIsLimited() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts().withMaxDepth(4));
    s.bucket(Collections.nCopies(4, "x")).put("k", new byte[] {1});
    assertThatThrownBy(() -> s.bucket(Collections.nCopies(5, "x")))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("bucket depth is 5, above the limit of 4")
        .hasMessageContaining("--max-depth");
    assertThatThrownBy(() -> s.bucket(Collections.nCopies(4, "x")).bucket("y"))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void theDefaultDepthFitsLinuxPathLimits() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts());
    List<String> deep = Collections.nCopies(ElsOptions.DEFAULT_MAX_DEPTH, "level");
    s.bucket(deep).put("k", new byte[3000]);
    assertThat(s.bucket(deep).get("k").orElseThrow()).hasSize(3000);
  }

  @Test
  void keyLengthIsLimited() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts().withMaxKeyBytes(10));
    s.rootBucket().put("é".repeat(5), new byte[0]);
    assertThatThrownBy(() -> s.rootBucket().put("é".repeat(6), new byte[0]))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("key length in UTF-8 bytes is 12, above the limit of 10")
        .hasMessageContaining("--max-key-bytes");
    assertThatThrownBy(() -> s.bucket(List.of("x".repeat(11))))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void longKeysWorkUpToTheLimitAcrossManyNames() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts().withMaxNameBytes(40));
    String key = "k".repeat(ElsOptions.DEFAULT_MAX_KEY_BYTES);
    s.bucket(List.of(key)).put(key, new byte[] {9});
    assertThat(s.bucket(List.of(key)).get(key).orElseThrow()).containsExactly(9);
    assertThat(s.rootBucket().buckets()).containsExactly(key);
  }

  @Test
  void valueSizeIsLimitedOnWriteAndOnRead() throws IOException {
    Path d = tmp.resolve("s");
    ElsStore s = ElsStore.open(d, opts().withMaxValueBytes(2000));
    s.rootBucket().put("k", new byte[2000]);
    assertThatThrownBy(() -> s.rootBucket().put("k2", new byte[2001]))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("--max-value-bytes");
    assertThatThrownBy(() -> s.rootBucket().append("k", new byte[1]))
        .isInstanceOf(LimitExceededException.class);
    ElsStore strict = ElsStore.open(d, opts().withMaxValueBytes(1999));
    assertThatThrownBy(() -> strict.rootBucket().get("k"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("value size in bytes is 2000, above the limit of 1999");
  }

  @Test
  void namesStayWithinTheConfiguredLength() throws IOException {
    for (int max : new int[] {ElsOptions.MIN_NAME_BYTES, 64, 255}) {
      ElsStore s = ElsStore.open(tmp.resolve("s" + max), opts().withMaxNameBytes(max));
      s.bucket(List.of("a", "b")).put("k", new byte[20_000]);
      try (Stream<Path> all = Files.walk(s.directory())) {
        List<Path> paths = new ArrayList<>();
        all.filter(p -> !p.equals(s.directory())).forEach(paths::add);
        assertThat(paths).allSatisfy(p -> assertThat(p.getFileName().toString().length()).isLessThanOrEqualTo(max));
        // Chunks fill their names; at most one character is left when no byte fits in it.
        assertThat(paths).anySatisfy(p -> assertThat(p.getFileName().toString().length()).isBetween(max - 1, max));
      }
      assertThat(s.bucket(List.of("a", "b")).get("k").orElseThrow()).hasSize(20_000);
    }
  }

  @Test
  void optionsRefuseNameLimitsThatCannotWork() {
    assertThatThrownBy(() -> ElsOptions.defaults().withMaxNameBytes(ElsOptions.MIN_NAME_BYTES - 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNameBytes");
    assertThatThrownBy(() -> ElsOptions.defaults().withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesLongerThanTheFileSystemAllowsGiveAClearError() throws IOException {
    // ext4, XFS, btrfs, tmpfs: 255 bytes.
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts().withMaxNameBytes(400));
    assertThatThrownBy(() -> s.rootBucket().put("k", new byte[1000]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refused a 400-byte name")
        .hasMessageContaining("--max-name-bytes");
  }

  @Test
  void keysThatAreNotUnicodeAreRefused() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), opts());
    assertThatThrownBy(() -> s.rootBucket().put("\uD800", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
  }
}
