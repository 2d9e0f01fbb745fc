package io.easystore.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.crypto.KeyProviders;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.util.Base64;

/**
 * The logical content of a DES container as the manifests record it, read through the public
 * reader only: the format version, how it is encrypted, and every live entry (files and, in v2,
 * directories) in index order with its size, the SHA-256 of its body, its metadata JSON, its
 * attributes and its flags. The generator writes it, the reader tests compare it exactly.
 * Stateless and thread-safe.
 */
final class FrozenDes {
  /** The name of the one key the frozen encrypted containers use. */
  static final String KEY_ID = "frozen-key";

  private FrozenDes() {}

  /** Reader options with the manifest's keys (if any). */
  static ReaderOptions readerOptions(JsonNode manifest) {
    JsonNode key = manifest.path("keys").path(KEY_ID);
    ReaderOptions o = ReaderOptions.defaults();
    return key.isTextual() ? o.withKeys(KeyProviders.of(KEY_ID, Base64.getDecoder().decode(key.asText()))) : o;
  }

  static ObjectNode describe(DesReader r) throws IOException {
    ObjectNode c = FrozenFiles.mapper().createObjectNode();
    c.put("format_version", r.formatVersion());
    c.set("encryption", r.encryption().map(e -> (JsonNode) FrozenFiles.mapper().createObjectNode()
        .put("algorithm", e.algorithm()).put("key_id", e.keyId())
        .put("names_protected", e.namesProtected()).put("chunk_bytes", e.chunkBytes())).orElse(null));
    ArrayNode entries = c.putArray("entries");
    if (r.formatVersion() == 1) {
      for (String name : r.listFiles()) {
        entries.add(entry(r, r.entry(name)));
      }
    } else {
      try (DesReader.EntryCursor cursor = r.liveEntries()) {
        for (IndexEntry e = cursor.next(); e != null; e = cursor.next()) {
          entries.add(entry(r, e));
        }
      }
    }
    ContainerStats st = r.stats();
    c.putObject("stats").put("live_entries", st.liveEntries()).put("directories", st.directories())
        .put("body_bytes", st.bodyBytes()).put("index_levels", st.indexLevels())
        .put("dictionaries", st.dictionaries());
    return (ObjectNode) FrozenFiles.normalized(c);
  }

  private static ObjectNode entry(DesReader r, IndexEntry e) throws IOException {
    ObjectNode o = FrozenFiles.mapper().createObjectNode();
    o.put("name", e.name());
    o.put("type", e.isDirectory() ? "directory" : "file");
    EntryAttributes a = e.attributes();
    if (a.hasMtime()) {
      o.put("mtime_millis", a.mtimeMillis());
    }
    if (a.hasMode()) {
      o.put("mode", Integer.toOctalString(a.mode()));
    }
    if (e.isDirectory()) {
      return o;
    }
    byte[] body = r.getFile(e.name());
    o.put("size", e.size());
    o.put("sha256", FrozenFiles.sha256(body));
    o.put("external", e.isExternal());
    o.put("compressed", e.isCompressed());
    o.put("encrypted", e.isEncrypted());
    o.set("meta", r.getMeta(e.name()));
    return o;
  }
}
