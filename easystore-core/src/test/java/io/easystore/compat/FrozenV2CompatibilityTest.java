package io.easystore.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.VerifyReport;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.mutate.DesUpdater;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frozen DES v2 container (docs/COMPATIBILITY.md) opens with today's reader and holds
 * exactly the content its manifest records, verifies clean, and, where it can be updated, takes
 * one more commit and a compaction. The frozen files are copied first: nothing here writes to
 * them. A missing file fails; nothing is skipped.
 */
class FrozenV2CompatibilityTest {
  /** Every frozen DES directory; a new release's directory is added here, never replaces one. */
  static final List<String> DIRECTORIES = List.of("des-0.1.0");

  /** What des-0.1.0 must hold: a container of every kind. */
  static final List<String> DES_0_1_0 = List.of("v2-none.des", "v2-deflate.des", "v2-deflate-9-xxhash64.des",
      "v2-zstd.des", "v2-zstd-19-xxhash64.des", "v2-zstd-dictionaries.des", "v2-empty.des", "v2-many-entries.des",
      "v2-encrypted-names-protected.des", "v2-encrypted-names-visible.des", "v2-external/container.des",
      "v2-encrypted-external/container.des", "v2-updated.des", "v2-updated-torn-tail.des",
      "v2-updated-compacted.des", "v2-created-by-updater.des", "v1.des", "v1-empty.des", "v1-external/container.des");

  @TempDir
  Path tmp;

  private final AtomicInteger copies = new AtomicInteger();

  @Test
  void everyFrozenDesDirectoryIsListedHere() throws IOException {
    Path frozen = FrozenFiles.dir(DIRECTORIES.get(0)).getParent();
    try (Stream<Path> s = Files.list(frozen)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("des-")))
          .containsExactlyInAnyOrderElementsOf(DIRECTORIES);
    }
  }

  @Test
  void everyFrozenFileIsPresentAndUnchanged() throws IOException {
    for (String d : DIRECTORIES) {
      Path dir = FrozenFiles.dir(d);
      assertThat(FrozenFiles.fileTableProblems(dir, FrozenFiles.manifest(dir))).as(d).isEmpty();
    }
  }

  @Test
  void des010HoldsAContainerOfEveryKind() throws IOException {
    ObjectNode m = FrozenFiles.manifest(FrozenFiles.dir("des-0.1.0"));
    List<String> paths = new ArrayList<>();
    m.path("containers").forEach(c -> paths.add(c.path("path").asText()));
    assertThat(paths).containsExactlyInAnyOrderElementsOf(DES_0_1_0);
    for (String p : DES_0_1_0) {
      assertThat(FrozenFiles.dir("des-0.1.0").resolve(p)).as(p).isRegularFile();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenV2ContainerReadsAsItsManifestSays() throws IOException {
    return containers(2).map(c -> DynamicTest.dynamicTest(c.dir + "/" + c.path(), () -> {
      Path copy = FrozenFiles.copyTree(FrozenFiles.dir(c.dir), tmp.resolve(c.dir + "-read-" + copies.incrementAndGet()));
      try (DesReader r = DesReader.open(copy.resolve(c.path()), FrozenDes.readerOptions(c.manifest))) {
        assertThat(FrozenDes.describe(r).toPrettyString()).isEqualTo(c.node.path("content").toPrettyString());
        VerifyReport v = r.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.ok()).isTrue();
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyUpdatableFrozenContainerTakesAnotherCommitAndCompacts() throws IOException {
    return containers(2).filter(c -> c.node.path("updatable").asBoolean()).map(c ->
        DynamicTest.dynamicTest(c.dir + "/" + c.path(), () -> furtherCommit(c)));
  }

  private void furtherCommit(Frozen c) throws IOException {
    Path copy = FrozenFiles.copyTree(FrozenFiles.dir(c.dir), tmp.resolve(c.dir + "-update-" + copies.incrementAndGet()));
    Path file = copy.resolve(c.path());
    ArrayNode want = (ArrayNode) c.node.path("content").path("entries").deepCopy();
    String victim = null;
    for (int i = 0; i < want.size() && victim == null; i++) {
      if (want.get(i).path("type").asText().equals("file")) {
        victim = want.get(i).path("name").asText();
        want.remove(i);
      }
    }
    byte[] body = "one more commit by today's updater\n".getBytes(StandardCharsets.UTF_8);
    try (DesUpdater u = DesUpdater.open(file)) {
      u.put("zz-compat/next.txt", body, DesWriter.meta(Map.of("compat", true)), EntryAttributes.NONE);
      if (victim != null) {
        u.delete(victim);
      }
      u.commit();
    }
    assertUpdated(file, c, want, victim, body);
    try (DesUpdater u = DesUpdater.open(file)) {
      u.compact();
    }
    assertUpdated(file, c, want, victim, body);
  }

  private static void assertUpdated(Path file, Frozen c, ArrayNode frozenLeft, String deleted, byte[] body)
      throws IOException {
    try (DesReader r = DesReader.open(file, FrozenDes.readerOptions(c.manifest))) {
      assertThat(r.verify().problems()).isEmpty();
      List<JsonNode> entries = new ArrayList<>();
      FrozenDes.describe(r).path("entries").forEach(entries::add);
      JsonNode added = entries.stream().filter(e -> e.path("name").asText().equals("zz-compat/next.txt"))
          .findFirst().orElseThrow(() -> new AssertionError("the further commit's entry is missing"));
      entries.remove(added);
      assertThat(added.path("name").asText()).isEqualTo("zz-compat/next.txt");
      assertThat(added.path("sha256").asText()).isEqualTo(FrozenFiles.sha256(body));
      assertThat(added.path("meta").path("compat").asBoolean()).isTrue();
      entries.removeIf(e -> e.path("name").asText().equals("zz-compat"));
      assertThat(FrozenFiles.mapper().valueToTree(entries).toString()).isEqualTo(frozenLeft.toString());
      if (deleted != null) {
        assertThat(r.contains(deleted)).isFalse();
      }
    }
  }

  @Test
  void protectedNamesNeedTheFrozenKey() throws IOException {
    Path copy = FrozenFiles.copyTree(FrozenFiles.dir("des-0.1.0"), tmp.resolve("nokey"));
    assertThatThrownBy(() -> {
      try (DesReader r = DesReader.open(copy.resolve("v2-encrypted-names-protected.des"))) {
        r.listFiles();
      }
    }).isInstanceOf(KeyUnavailableException.class);
    try (DesReader r = DesReader.open(copy.resolve("v2-encrypted-names-visible.des"))) {
      assertThat(r.encryption()).hasValueSatisfying(e -> assertThat(e.namesProtected()).isFalse());
      assertThat(r.listFiles()).contains("README.txt", "data/random.bin");
      assertThatThrownBy(() -> r.getFile("README.txt")).isInstanceOf(KeyUnavailableException.class);
    }
  }

  /** One container of a frozen directory's manifest. */
  record Frozen(String dir, JsonNode manifest, JsonNode node) {
    String path() {
      return node.path("path").asText();
    }
  }

  static Stream<Frozen> containers(int formatVersion) throws IOException {
    List<Frozen> out = new ArrayList<>();
    for (String d : DIRECTORIES) {
      JsonNode m = FrozenFiles.manifest(FrozenFiles.dir(d));
      for (JsonNode c : m.path("containers")) {
        if (c.path("content").path("format_version").asInt() == formatVersion) {
          out.add(new Frozen(d, m, c));
        }
      }
    }
    assertThat(out).as("frozen containers of format " + formatVersion).isNotEmpty();
    return out.stream();
  }
}
