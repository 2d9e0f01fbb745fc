package io.easystore.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProviders;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The volume header: magic, version, metadata JSON, CRC32C, zero padding to 16 bytes.
 *
 * @param metadata the decoded metadata
 * @param firstPageOffset where pages start (the header's padded length)
 */
record VolumeHeader(ArchiveMetadata metadata, long firstPageOffset) {

  static byte[] encode(ArchiveMetadata m) {
    ObjectNode n = RecordTypes.MAPPER.createObjectNode();
    n.put("format", "easystore-records");
    n.put("archiveId", m.archiveId().toString());
    n.put("description", m.description());
    n.put("created", m.created().toString());
    n.put("codec", m.codec().label());
    n.put("codecLevel", m.codecLevel());
    if (m.encrypted()) {
      ObjectNode e = n.putObject("encryption");
      e.put("algorithm", "AES-256-GCM");
      e.put("keyId", m.keyId());
      e.put("keyCheck", m.keyCheck());
    }
    n.put("host", m.host());
    n.put("application", m.application());
    n.put("contentType", m.contentType());
    ObjectNode p = n.putObject("properties");
    m.properties().forEach(p::put);
    byte[] json = n.toString().getBytes(StandardCharsets.UTF_8);
    if (json.length > Format.MAX_METADATA) {
      throw new IllegalArgumentException("archive metadata is " + json.length + " bytes; the limit is "
          + Format.MAX_METADATA);
    }
    int crcAt = Format.VOLUME_FIXED + json.length;
    byte[] out = new byte[(int) Format.align(crcAt + 4)];
    System.arraycopy(Format.VOLUME_MAGIC, 0, out, 0, 8);
    Format.putShort(out, 8, Format.VERSION);
    Format.putInt(out, 12, json.length);
    System.arraycopy(json, 0, out, Format.VOLUME_FIXED, json.length);
    Format.putInt(out, crcAt, Format.crc(out, 0, crcAt));
    return out;
  }

  static VolumeHeader read(RangeSource src) throws IOException {
    String name = src.name();
    long size = src.size();
    if (size < Format.VOLUME_FIXED + 4) {
      throw new CorruptContainerException(name, 0, null, "too short for a record archive (" + size + " bytes)");
    }
    byte[] fixed = src.readFully(0, Format.VOLUME_FIXED);
    if (!Format.startsWith(fixed, 0, Format.VOLUME_MAGIC)) {
      throw new CorruptContainerException(name, 0, null, "not a record archive (bad magic)");
    }
    int version = Format.getShort(fixed, 8);
    if (version < Format.VERSION) {
      throw new UnsupportedVersionException.TooOld(name, 8, "record archive", version, Format.VERSION);
    }
    if (version > Format.VERSION) {
      throw new UnsupportedVersionException.TooNew(name, 8, "record archive", version, Format.VERSION);
    }
    if (Format.getShort(fixed, 10) != 0) {
      throw new CorruptContainerException(name, 10, null, "unknown volume header flags");
    }
    long metaLen = Format.getInt(fixed, 12) & 0xFFFFFFFFL;
    if (metaLen > Format.MAX_METADATA || metaLen > size - Format.VOLUME_FIXED - 4) {
      throw new CorruptContainerException(name, 12, null, "metadata length " + metaLen
          + " exceeds the file or the " + Format.MAX_METADATA + "-byte limit");
    }
    int crcAt = Format.VOLUME_FIXED + (int) metaLen;
    byte[] all = new byte[crcAt + 4];
    System.arraycopy(fixed, 0, all, 0, Format.VOLUME_FIXED);
    src.readFully(Format.VOLUME_FIXED, java.nio.ByteBuffer.wrap(all, Format.VOLUME_FIXED, (int) metaLen + 4));
    if (Format.getInt(all, crcAt) != Format.crc(all, 0, crcAt)) {
      throw new CorruptContainerException(name, crcAt, null, "volume header checksum mismatch");
    }
    ArchiveMetadata meta = parse(name, all, (int) metaLen);
    long first = Format.align(crcAt + 4L);
    // The padding is outside the CRC; it must be zero so that no stored byte goes unchecked. A file
    // cut inside it (no pages yet) is fine.
    int pad = (int) (Math.min(first, size) - (crcAt + 4L));
    if (pad > 0) {
      byte[] p = src.readFully(crcAt + 4L, pad);
      for (int i = 0; i < pad; i++) {
        if (p[i] != 0) {
          throw new CorruptContainerException(name, crcAt + 4L + i, null, "non-zero padding after the volume header");
        }
      }
    }
    return new VolumeHeader(meta, first);
  }

  private static ArchiveMetadata parse(String name, byte[] all, int len) throws CorruptContainerException {
    try {
      JsonNode n = RecordTypes.MAPPER.readTree(all, Format.VOLUME_FIXED, len);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("metadata is not a JSON object");
      }
      String keyId = null;
      String keyCheck = null;
      JsonNode enc = n.get("encryption");
      if (enc != null && !enc.isNull()) {
        if (!"AES-256-GCM".equals(text(enc, "algorithm"))) {
          throw new IllegalArgumentException("unsupported encryption " + enc.get("algorithm"));
        }
        keyId = KeyProviders.checkKeyId(text(enc, "keyId"));
        keyCheck = text(enc, "keyCheck");
        Base64.getDecoder().decode(keyCheck);
      }
      Map<String, String> props = new LinkedHashMap<>();
      JsonNode p = n.get("properties");
      if (p != null && p.isObject()) {
        p.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
      }
      return new ArchiveMetadata(UUID.fromString(text(n, "archiveId")), optional(n, "description"),
          Instant.parse(text(n, "created")), CodecId.fromLabel(text(n, "codec")),
          n.path("codecLevel").asInt(0), keyId, keyCheck, optional(n, "host"), optional(n, "application"),
          optional(n, "contentType"), props);
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new CorruptContainerException(name, Format.VOLUME_FIXED, null,
          "bad archive metadata: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("metadata field '" + field + "' is missing or not text");
    }
    return v.asText();
  }

  private static String optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
