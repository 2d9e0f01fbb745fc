package io.easystore.els.compat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.els.DesBridge;
import io.easystore.els.ElsBucket;
import io.easystore.els.ElsOptions;
import io.easystore.els.ElsStore;
import io.easystore.els.JsonMapping;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes the frozen ELS stores of {@code frozen/els-<release>} with today's public API, from
 * {@link #SEED}: a store built through the key-value API (replace, append, delete, a deleted
 * bucket, binary and large values) with its DES bridge copy, and a store imported from a JSON
 * document (base64url, and base32 with short names) with the document and its JSON export. Then
 * the MANIFEST.json. Not thread-safe. Run by {@code FrozenElsFixturesTest} (into the source tree
 * only with {@code -Dfrozen.write=true}, never over an existing directory).
 */
final class FrozenElsFixtures {
  static final String RELEASE = "0.1.0";
  static final String DIRECTORY = "els-" + RELEASE;
  static final String WRITER_VERSION = "0.1.0-SNAPSHOT";
  static final long SEED = 20_261_204L;

  /** The JSON document of the imported stores: every JSON type, nesting, arrays, exact numbers. */
  static final String DOCUMENT = "{\"name\":\"frozen\",\"version\":1,\"ratio\":1.50,\"big\":123456789012345678901234567890,"
      + "\"exp\":1E+2,\"negzero\":-0,\"yes\":true,\"no\":false,\"nothing\":null,\"empty\":\"\",\"unicode\":\"\u540d\u524d \u00fc"
      + " \\ud83d\\ude00\",\"escaped\":\"a/b\\\\c\\\"d\\n\",\"list\":[1,\"two\",[3,[4]],{\"five\":5},null,true],"
      + "\"nested\":{\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}}},\"empty_object\":{},\"empty_array\":[]},"
      + "\"key/with~slash\":\"pointer escapes\",\"long\":\"" + "long text that spans several chunk names. ".repeat(40)
      + "\"}";

  private final Path dir;
  private final ArrayNode stores = FrozenFiles.mapper().createArrayNode();

  private FrozenElsFixtures(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    writeAll(FrozenFiles.outputDir(DIRECTORY));
  }

  static ObjectNode writeAll(Path dir) throws IOException {
    return new FrozenElsFixtures(dir).run();
  }

  private ObjectNode run() throws IOException {
    ElsOptions o = ElsOptions.defaults();
    ElsStore kv = ElsStore.open(dir.resolve("kv-store"), o);
    keyValue(kv, new Random(SEED + 1));
    DesBridge.toDes(kv, dir.resolve("kv-store.des"));
    record("kv-store", kv, "keyValue", SEED + 1, "ElsOptions.defaults(), key-value API", "kv-store.des", null);

    Files.writeString(dir.resolve("document.json"), DOCUMENT);
    ElsStore json = ElsStore.open(dir.resolve("json-store"), o);
    JsonMapping.importJson(json, dir.resolve("document.json"));
    JsonMapping.exportJson(json, dir.resolve("json-store.export.json"), false);
    record("json-store", json, "importJson", SEED, "ElsOptions.defaults(), JsonMapping.importJson(document.json)",
        null, "json-store.export.json");

    ElsStore b32 = ElsStore.open(dir.resolve("json-store-base32"),
        o.withCaseInsensitive(true).withMaxNameBytes(64));
    JsonMapping.importJson(b32, dir.resolve("document.json"));
    JsonMapping.exportJson(b32, dir.resolve("json-store-base32.export.json"), true);
    record("json-store-base32", b32, "importJson", SEED,
        "base32 (withCaseInsensitive), maxNameBytes 64, JsonMapping.importJson(document.json)", null,
        "json-store-base32.export.json");

    ObjectNode m = FrozenFiles.mapper().createObjectNode();
    m.put("format", "ELS stores (format 1) with their JSON exports and a DES bridge copy");
    m.put("directory", DIRECTORY);
    m.put("rule", "Never regenerate or edit these files once " + RELEASE + " is released; a release that changes"
        + " a writer adds a new directory. See docs/COMPATIBILITY.md.");
    m.set("generator", FrozenFiles.generator(FrozenElsFixtures.class, "writeAll", SEED, WRITER_VERSION));
    m.put("document", "document.json");
    m.set("stores", stores);
    FrozenFiles.writeManifest(dir, m);
    return FrozenFiles.manifest(dir);
  }

  private static void keyValue(ElsStore s, Random r) throws IOException {
    ElsBucket root = s.rootBucket();
    root.put("greeting", utf8("hello, frozen store"));
    root.put("empty", new byte[0]);
    byte[] binary = new byte[300];
    r.nextBytes(binary);
    root.put("binary", binary);
    byte[] large = new byte[5000];
    r.nextBytes(large);
    root.put("large", large);
    root.put("replaced", utf8("first value"));
    root.put("replaced", utf8("second value, same place"));
    root.put("deleted", utf8("gone soon"));
    root.delete("deleted");
    root.append("log", utf8("line 1\n"));
    root.append("log", utf8("line 2\n"));
    root.append("log", utf8("line 3 ".repeat(200) + "\n"));
    ElsBucket alice = s.bucket(List.of("users", "al\u00efce"));
    alice.put("email", utf8("alice@example.org"));
    alice.put("key/with/slashes", utf8("names may hold any character"));
    alice.put("", utf8("the empty key"));
    s.bucket(List.of("users", "bob")).put("email", utf8("bob@example.org"));
    s.bucket(List.of("users", "bob", "settings")).put("theme", utf8("dark"));
    s.bucket(List.of("trash", "inner")).put("x", utf8("removed with its bucket"));
    s.deleteBucket(List.of("trash"));
    s.bucket(List.of("\u540d\u524d")).put("\u5024", utf8("\u540d\u524d\u306e\u5024"));
  }

  private void record(String path, ElsStore store, String method, long seed, String options, String desCopy,
      String export) throws IOException {
    ObjectNode st = stores.addObject();
    st.put("path", path);
    st.putObject("made_by").put("class", getClass().getName()).put("method", method).put("seed", seed)
        .put("options", options);
    if (desCopy != null) {
      st.put("des_bridge_copy", desCopy);
    }
    if (export != null) {
      st.put("json_export", export);
      if (!FrozenFiles.mapper().readTree(dir.resolve(export).toFile())
          .equals(FrozenFiles.mapper().readTree(DOCUMENT))) {
        throw new IOException(path + ": the export is not the imported document");
      }
    }
    st.set("content", FrozenEls.describe(store));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
