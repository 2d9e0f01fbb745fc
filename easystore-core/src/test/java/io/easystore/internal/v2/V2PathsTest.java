package io.easystore.internal.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class V2PathsTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a//b", "a/", "./a", "a/../b", "..", ".", "a/.", "nul\0x", "back\\slash",
      "lone\uD800surrogate"})
  void badPathsAreRefused(String path) {
    assertThatThrownBy(() -> V2Paths.validate(path)).isInstanceOf(IllegalArgumentException.class);
    assertThat(V2Paths.lookupKey(path)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b/c.txt", "...", "a/..b", "é/日本/x", "with space/and:colon*?", ".hidden/.x"})
  void goodPathsMapToKeysAndBack(String path) throws CorruptContainerException {
    byte[] key = V2Paths.key(V2Paths.validate(path));
    assertThat(V2Paths.pathOf(key, key.length, "t", 0)).isEqualTo(path);
    int nul = 0;
    for (byte b : key) {
      nul += b == 0 ? 1 : 0;
    }
    assertThat(nul).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {65_535, 65_536})
  void lengthLimitIs64KiB(int n) {
    String p = "x".repeat(n);
    if (n <= V2Paths.MAX_PATH_BYTES) {
      assertThat(V2Paths.validate(p)).hasSize(n);
    } else {
      assertThatThrownBy(() -> V2Paths.validate(p)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\0b\0c", "abc", "a\0", "x/\0..", "\0a//b"})
  void corruptKeysAreTypedErrors(String raw) {
    byte[] k = raw.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> V2Paths.pathOf(k, k.length, "c.des", 77)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("c.des @ offset 77");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b"})
  void childrenOfADirectoryShareItsPrefixAndNothingElseDoes(String dir) {
    byte[] prefix = V2Paths.childPrefix(dir);
    byte[] child = V2Paths.key(V2Paths.validate(dir + "/x"));
    byte[] grandchild = V2Paths.key(V2Paths.validate(dir + "/x/y"));
    byte[] sibling = V2Paths.key(V2Paths.validate(dir + "x/y"));
    assertThat(startsWith(child, prefix)).isTrue();
    assertThat(startsWith(grandchild, prefix)).isFalse();
    assertThat(startsWith(sibling, prefix)).isFalse();
  }

  private static boolean startsWith(byte[] k, byte[] p) {
    return k.length >= p.length && java.util.Arrays.equals(k, 0, p.length, p, 0, p.length);
  }
}
