package io.easystore.els.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.els.DesBridge;
import io.easystore.els.ElsOptions;
import io.easystore.els.ElsStore;
import io.easystore.els.JsonMapping;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frozen ELS store (docs/COMPATIBILITY.md) opens with today's code and holds exactly its
 * manifest's content; its frozen JSON export and DES bridge copy read back into the same content;
 * and the store takes further writes. Stores are copied first; a missing file fails, nothing is
 * skipped.
 */
class FrozenElsCompatibilityTest {
  /** Every frozen ELS directory; a new release's directory is added here, never replaces one. */
  static final List<String> DIRECTORIES = List.of("els-0.1.0");

  static final List<String> STORES_0_1_0 = List.of("kv-store", "json-store", "json-store-base32");

  @TempDir
  Path tmp;

  private final AtomicInteger copies = new AtomicInteger();

  @Test
  void everyFrozenElsDirectoryIsListedHere() throws IOException {
    try (Stream<Path> s = Files.list(FrozenFiles.dir(DIRECTORIES.get(0)).getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("els-")))
          .containsExactlyInAnyOrderElementsOf(DIRECTORIES);
    }
  }

  @Test
  void everyFrozenFileIsPresentAndUnchanged() throws IOException {
    for (String d : DIRECTORIES) {
      Path dir = FrozenFiles.dir(d);
      assertThat(FrozenFiles.fileTableProblems(dir, FrozenFiles.manifest(dir))).as(d).isEmpty();
    }
    JsonNode m = FrozenFiles.manifest(FrozenFiles.dir("els-0.1.0"));
    List<String> stores = new ArrayList<>();
    m.path("stores").forEach(s -> stores.add(s.path("path").asText()));
    assertThat(stores).containsExactlyInAnyOrderElementsOf(STORES_0_1_0);
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenStoreReadsAsItsManifestSays() throws IOException {
    return stores().map(f -> DynamicTest.dynamicTest(f.dir() + "/" + f.path(), () -> {
      Path copy = copy(f);
      ElsStore store = ElsStore.open(copy.resolve(f.path()), ElsOptions.defaults().withCreate(false));
      assertThat(FrozenEls.describe(store).toPrettyString()).isEqualTo(f.content().toPrettyString());
      if (f.node().has("json_export")) {
        JsonNode frozenExport = FrozenFiles.mapper().readTree(copy.resolve(f.node().path("json_export").asText())
            .toFile());
        assertThat(FrozenFiles.mapper().readTree(JsonMapping.exportJson(store, false))).isEqualTo(frozenExport);
        assertThat(frozenExport).isEqualTo(FrozenFiles.mapper().readTree(
            copy.resolve(f.manifest().path("document").asText()).toFile()));
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenExportImportsIntoTheSameStore() throws IOException {
    return stores().filter(f -> f.node().has("json_export") || f.node().has("des_bridge_copy")).map(f ->
        DynamicTest.dynamicTest(f.dir() + "/" + f.path(), () -> {
          Path copy = copy(f);
          ElsStore fresh = ElsStore.open(tmp.resolve("fresh-" + copies.incrementAndGet()),
              ElsOptions.defaults().withEncoding(ElsStore.open(copy.resolve(f.path()),
                  ElsOptions.defaults().withCreate(false)).encoding()));
          if (f.node().has("json_export")) {
            JsonMapping.importJson(fresh, copy.resolve(f.node().path("json_export").asText()));
          } else {
            Path des = copy.resolve(f.node().path("des_bridge_copy").asText());
            try (DesReader r = DesReader.open(des)) {
              assertThat(r.formatVersion()).isEqualTo(1);
              assertThat(r.verify().problems()).isEmpty();
            }
            DesBridge.fromDes(des, fresh);
          }
          assertThat(FrozenEls.describe(fresh).toPrettyString()).isEqualTo(f.content().toPrettyString());
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenStoreTakesFurtherWrites() throws IOException {
    return stores().map(f -> DynamicTest.dynamicTest(f.dir() + "/" + f.path(), () -> {
      Path copy = copy(f);
      ElsStore store = ElsStore.open(copy.resolve(f.path()), ElsOptions.defaults().withCreate(false));
      byte[] value = "written by today's code".getBytes(StandardCharsets.UTF_8);
      store.bucket(List.of("zz-compat")).put("next", value);
      ObjectNode want = f.content().deepCopy();
      ArrayNode buckets = (ArrayNode) want.path("buckets");
      ObjectNode root = (ObjectNode) buckets.get(0);
      long ordinal = 0;
      for (JsonNode e : root.path("entries")) {
        ordinal = Math.max(ordinal, e.path("ordinal").asLong() + 1);
      }
      root.withArray("entries").addObject().put("name", "zz-compat").put("kind", "BUCKET").put("ordinal", ordinal);
      root.withArray("bucket_names").add("zz-compat");
      ObjectNode added = buckets.addObject();
      added.putArray("path").add("zz-compat");
      added.putArray("entries").addObject().put("name", "next").put("kind", "BYTES").put("ordinal", 0)
          .put("present", true).put("size", value.length).put("sha256", FrozenFiles.sha256(value));
      added.putArray("keys").add("next");
      added.putArray("bucket_names");
      ElsStore reopened = ElsStore.open(copy.resolve(f.path()), ElsOptions.defaults().withCreate(false));
      assertThat(FrozenEls.describe(reopened).toPrettyString()).isEqualTo(want.toPrettyString());
    }));
  }

  private Path copy(Frozen f) throws IOException {
    return FrozenFiles.copyTree(FrozenFiles.dir(f.dir()), tmp.resolve("copy-" + copies.incrementAndGet()));
  }

  /** One store of a frozen directory's manifest. */
  record Frozen(String dir, JsonNode manifest, JsonNode node) {
    String path() {
      return node.path("path").asText();
    }

    JsonNode content() {
      return node.path("content");
    }
  }

  static Stream<Frozen> stores() throws IOException {
    List<Frozen> out = new ArrayList<>();
    for (String d : DIRECTORIES) {
      JsonNode m = FrozenFiles.manifest(FrozenFiles.dir(d));
      m.path("stores").forEach(n -> out.add(new Frozen(d, m, n)));
    }
    assertThat(out).as("frozen stores").isNotEmpty();
    return out.stream();
  }
}
