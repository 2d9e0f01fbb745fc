package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/ELS.md: "a hash collision or a moved directory is reported, never followed" (D11). */
class MovedDirectoryTest {
  @TempDir Path tmp;

  private static Path only(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aValueDirectoryMovedToAnotherBucketIsReportedNotFollowed(boolean base32) throws IOException {
    ElsOptions o = ElsOptions.defaults().withSync(false).withCaseInsensitive(base32);
    ElsStore s = ElsStore.open(tmp.resolve("st"), o);
    JsonMapping.importJson(s, "{\"a\":{\"b\":{\"secret\":\"in-b\"},\"c\":{}},\"arr\":[10,20,30]}");
    Path a = tmp.resolve("st").resolve("b." + Names.hash("a"));
    Path b = a.resolve("b." + Names.hash("b"));
    Path c = a.resolve("b." + Names.hash("c"));
    Path v = only(b, "v.");
    Files.move(v, c.resolve(v.getFileName()));
    ElsStore again = ElsStore.open(tmp.resolve("st"), o);
    assertThatThrownBy(() -> again.bucket(List.of("a", "c")).get("secret"))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("moved here from another place");
    assertThatThrownBy(() -> JsonMapping.exportJson(again, false))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("moved here from another place");
    // What stays in place still reads.
    assertThat(again.bucket(List.of("arr")).get("1")).map(x -> new String(x, StandardCharsets.UTF_8)).contains("20");
  }

  @Test
  void aBucketDirectoryMovedUnderAnotherBucketIsReported() throws IOException {
    ElsOptions o = ElsOptions.defaults().withSync(false);
    ElsStore s = ElsStore.open(tmp.resolve("st"), o);
    JsonMapping.importJson(s, "{\"x\":{\"inner\":{\"k\":1}},\"y\":{}}");
    Path root = tmp.resolve("st");
    Path inner = root.resolve("b." + Names.hash("x")).resolve("b." + Names.hash("inner"));
    Files.move(inner, root.resolve("b." + Names.hash("y")).resolve(inner.getFileName()));
    assertThatThrownBy(() -> ElsStore.open(root, o).bucket(List.of("y", "inner")).get("k"))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("moved here");
  }

  @Test
  void aRemovedArrayElementIsReportedNotClosed() throws IOException {
    ElsOptions o = ElsOptions.defaults().withSync(false);
    ElsStore s = ElsStore.open(tmp.resolve("st"), o);
    JsonMapping.importJson(s, "{\"arr\":[10,20,30]}");
    Path arr = tmp.resolve("st").resolve("b." + Names.hash("arr"));
    FileElsStore impl = JsonMapping.impl(s);
    impl.deleteTree(arr.resolve("v." + Names.hash("1")));
    assertThatThrownBy(() -> JsonMapping.exportJson(ElsStore.open(tmp.resolve("st"), o), false))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("array element 1 is missing");
  }

  @Test
  void aStoreWrittenBeforePlaceMarkersStillReads() throws IOException {
    ElsOptions o = ElsOptions.defaults().withSync(false);
    ElsStore s = ElsStore.open(tmp.resolve("st"), o);
    JsonMapping.importJson(s, "{\"a\":{\"k\":\"v\"},\"arr\":[1,2]}");
    try (Stream<Path> w = Files.walk(tmp.resolve("st"))) {
      for (Path p : (Iterable<Path>) w.filter(p -> p.getFileName().toString().startsWith("p."))::iterator) {
        Files.delete(p);
      }
    }
    assertThat(JsonMapping.exportJson(ElsStore.open(tmp.resolve("st"), o), false))
        .isEqualTo("{\"a\":{\"k\":\"v\"},\"arr\":[1,2]}");
  }
}
