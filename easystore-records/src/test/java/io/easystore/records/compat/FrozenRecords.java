package io.easystore.records.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.records.ArchiveMetadata;
import io.easystore.records.Entry;
import io.easystore.records.PageInfo;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The logical content of a record archive as the manifests record it, read through the public
 * reader: the volume metadata, the pages (offset, record count, codec) and every record with its
 * bookmark, size, SHA-256 and (when it is UTF-8) its text. The generator writes it, the reader
 * tests compare it exactly. Stateless and thread-safe.
 */
final class FrozenRecords {
  static final String KEY_ID = "frozen-key";

  private FrozenRecords() {}

  /** The manifest's key, or null for a manifest without one. */
  static KeyProvider keys(JsonNode manifest) {
    JsonNode key = manifest.path("keys").path(KEY_ID);
    return key.isTextual() ? KeyProviders.of(KEY_ID, Base64.getDecoder().decode(key.asText())) : null;
  }

  /** Reader options for a frozen archive: its manifest's key, and tolerance for the one with a torn tail. */
  static ReaderOptions readerOptions(JsonNode manifest, JsonNode archive) {
    return ReaderOptions.defaults().withKeys(keys(manifest))
        .withTolerateTornTail(archive.path("torn_tail").asBoolean());
  }

  static ObjectNode describe(RecordReader r) throws IOException {
    ObjectNode c = FrozenFiles.mapper().createObjectNode();
    ArchiveMetadata m = r.metadata();
    ObjectNode meta = c.putObject("metadata");
    meta.put("archive_id", m.archiveId().toString()).put("description", m.description())
        .put("created", m.created().toString()).put("codec", m.codec().label()).put("codec_level", m.codecLevel())
        .put("encrypted", m.encrypted()).put("key_id", m.keyId()).put("key_check", m.keyCheck())
        .put("host", m.host()).put("application", m.application()).put("content_type", m.contentType());
    meta.set("properties", FrozenFiles.mapper().valueToTree(new TreeMap<>(m.properties())));
    c.put("first_page_offset", r.firstPageOffset());
    c.put("size", r.size());
    c.put("torn_tail_bytes", r.stats().tornTailBytes());
    ArrayNode pages = c.putArray("pages");
    for (PageInfo p : r.pages()) {
      pages.addObject().put("offset", p.offset()).put("created", p.created().toString()).put("records", p.records())
          .put("codec", p.codec().label()).put("encrypted", p.encrypted());
    }
    ArrayNode records = c.putArray("records");
    RecordCursor<byte[]> cursor = r.cursor(RecordTypes.bytes());
    while (cursor.next()) {
      Entry<byte[]> e = cursor.current();
      ObjectNode o = records.addObject();
      o.put("bookmark", e.bookmark().toString()).put("size", e.value().length)
          .put("sha256", FrozenFiles.sha256(e.value()));
      String text = utf8(e.value());
      if (text != null) {
        o.put("text", text);
      }
    }
    return (ObjectNode) FrozenFiles.normalized(c);
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
