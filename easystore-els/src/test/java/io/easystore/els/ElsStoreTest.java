package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElsStoreTest {
  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private ElsStore open(Path dir) throws IOException {
    return ElsStore.open(dir, ElsOptions.defaults().withSync(false));
  }

  @Test
  void putGetAppendDeleteInOneBucket() throws IOException {
    ElsStore s = open(tmp.resolve("s"));
    ElsBucket b = s.bucket(List.of("myBigBucket", "mySmallerBucket"));
    assertThat(b.exists()).isFalse();
    assertThat(b.get("k")).isEmpty();
    b.put("k", b("hello"));
    assertThat(b.exists()).isTrue();
    assertThat(b.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("hello")));
    b.append("k", b(" world"));
    b.append("k", b("!"));
    assertThat(new String(b.get("k").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("hello world!");
    b.put("k", b("replaced"));
    assertThat(b.get("k").orElseThrow()).isEqualTo(b("replaced"));
    assertThat(b.delete("k")).isTrue();
    assertThat(b.delete("k")).isFalse();
    assertThat(b.get("k")).isEmpty();
    assertThat(b.keys()).isEmpty();
  }

  @Test
  void keysKeepFirstWriteOrderAndReplacedKeysKeepTheirPlace() throws IOException {
    ElsStore s = open(tmp.resolve("s"));
    ElsBucket b = s.rootBucket();
    for (String k : List.of("zeta", "alpha", "mid", "", "ключ", "a/b.c")) {
      b.put(k, b(k));
    }
    b.put("alpha", b("again"));
    b.bucket("child").put("x", b("1"));
    assertThat(b.keys()).containsExactly("zeta", "alpha", "mid", "", "ключ", "a/b.c");
    assertThat(b.buckets()).containsExactly("child");
    assertThat(b.entries()).extracting(ElsEntry::name)
        .containsExactly("zeta", "alpha", "mid", "", "ключ", "a/b.c", "child");
    // A second handle (after a restart) continues the order.
    ElsStore again = open(tmp.resolve("s"));
    again.rootBucket().put("last", b("z"));
    assertThat(again.rootBucket().entries()).extracting(ElsEntry::name).last().isEqualTo("last");
  }

  @Test
  void deleteBucketRemovesTheSubtree() throws IOException {
    ElsStore s = open(tmp.resolve("s"));
    s.bucket(List.of("a", "b")).put("k", b("v"));
    s.bucket(List.of("a")).put("k", b("v"));
    assertThat(s.deleteBucket(List.of("a", "b"))).isTrue();
    assertThat(s.bucket(List.of("a", "b")).exists()).isFalse();
    assertThat(s.bucket(List.of("a")).get("k")).isPresent();
    assertThat(s.deleteBucket(List.of("a"))).isTrue();
    assertThat(s.deleteBucket(List.of("a"))).isFalse();
    try (Stream<Path> files = Files.list(s.directory())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("b."));
    }
    assertThatThrownBy(() -> s.deleteBucket(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyFileIsEmpty() throws IOException {
    ElsStore s = open(tmp.resolve("s"));
    s.bucket(List.of("x")).put("big", new byte[100_000]);
    try (Stream<Path> all = Files.walk(s.directory())) {
      assertThat(all.filter(Files::isRegularFile)).allSatisfy(p -> assertThat(Files.size(p)).isZero());
    }
    try (Stream<Path> all = Files.walk(s.directory())) {
      assertThat(all).allSatisfy(p -> assertThat(p.getFileName().toString().length()).isLessThanOrEqualTo(255));
    }
  }

  @Test
  void openingWithoutCreateRefusesAMissingStore() {
    assertThatThrownBy(() -> ElsStore.open(tmp.resolve("none"), ElsOptions.defaults().withCreate(false)))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void refusesToTakeOverADirectoryThatIsNotAStore() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(d.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> open(d)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("not an ELS store");
    assertThat(Files.readString(d.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void existingStoreKeepsItsEncoding() throws IOException {
    Path d = tmp.resolve("s");
    ElsStore.open(d, ElsOptions.defaults().withSync(false).withCaseInsensitive(true))
        .rootBucket().put("k", b("Value"));
    ElsStore again = open(d);
    assertThat(again.encoding()).isEqualTo(ElsEncoding.BASE32);
    assertThat(again.rootBucket().get("k").orElseThrow()).isEqualTo(b("Value"));
  }

  @Test
  void syncedWritesWork() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults());
    s.bucket(List.of("a")).put("k", new byte[5000]);
    s.bucket(List.of("a")).append("k", new byte[10]);
    assertThat(s.bucket(List.of("a")).get("k").orElseThrow()).hasSize(5010);
  }
}
