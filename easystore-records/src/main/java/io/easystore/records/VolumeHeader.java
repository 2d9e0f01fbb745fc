package io.easystore.records;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Framing;
import io.easystore.codec.CodecId;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.KeyProviders;
import io.easystore.internal.crypto.PageSealer;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The volume header: magic, version, metadata JSON, (format 2) a seal, CRC32C, zero padding to 16
 * bytes. Immutable; the arrays are owned by the record and never handed out.
 *
 * @param metadata the decoded metadata
 * @param firstPageOffset where pages start (the header's padded length)
 * @param version the archive's format version, which is also the version of its pages
 * @param authenticated format 2: header bytes [0, 16 + M), which the seal authenticates; else null
 * @param seal format 2: the 28-byte seal (nonce and tag of an empty plaintext); else null
 */
record VolumeHeader(ArchiveMetadata metadata, long firstPageOffset, int version, byte[] authenticated,
    byte[] seal) {

  /**
   * Encodes a new archive's header: format 2 with a seal when {@code sealer} is given (the
   * metadata must then name its key), else format 1.
   */
  static byte[] encode(ArchiveMetadata m, PageSealer sealer) {
    if ((sealer != null) != m.encrypted()) {
      throw new IllegalArgumentException("a sealer is needed exactly when the metadata names a key");
    }
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
    int sealAt = Format.VOLUME_FIXED + json.length;
    int crcAt = sealAt + (sealer != null ? Format.VOLUME_SEAL : 0);
    byte[] out = new byte[(int) Format.align(crcAt + 4)];
    System.arraycopy(Format.VOLUME_MAGIC, 0, out, 0, 8);
    ByteBuilder.putLe16(out, 8, sealer != null ? Format.VERSION_2 : Format.VERSION_1);
    ByteBuilder.putLe32(out, 12, json.length);
    System.arraycopy(json, 0, out, Format.VOLUME_FIXED, json.length);
    if (sealer != null) {
      sealer.sealInto(new byte[0], 0, 0, aad(m.archiveId(), out, sealAt), out, sealAt);
    }
    ByteBuilder.putLe32(out, crcAt, Format.crc(out, 0, crcAt));
    return out;
  }

  private static byte[] aad(UUID archiveId, byte[] header, int len) {
    return PageSealer.associatedData(Format.VOLUME_AAD_PURPOSE, archiveId, 0, header, 0, len);
  }

  /**
   * Format 2: authenticates the header with the archive's key (whose key check the caller has
   * verified, so a failure here means altered bytes, not a wrong key). Format 1 headers carry no
   * seal and pass unchecked.
   *
   * @throws AuthenticationFailedException if the metadata was altered and re-checksummed
   */
  void authenticate(PageSealer sealer, String name) throws AuthenticationFailedException {
    if (version < Format.VERSION_2) {
      return;
    }
    try {
      sealer.open(seal, 0, seal.length, aad(metadata.archiveId(), authenticated, authenticated.length), name,
          authenticated.length);
    } catch (AuthenticationFailedException e) {
      AuthenticationFailedException a = new AuthenticationFailedException(name, authenticated.length, null,
          "volume header fails AES-GCM authentication with key '" + metadata.keyId() + "' although its key check"
              + " and checksum hold: the archive metadata was altered and re-checksummed");
      a.addSuppressed(e);
      throw a;
    }
  }

  static VolumeHeader read(RangeSource src) throws IOException {
    String name = src.name();
    long size = src.size();
    if (size < Format.VOLUME_FIXED + 4) {
      throw new CorruptContainerException(name, 0, null, "too short for a record archive (" + size + " bytes)");
    }
    byte[] fixed = src.readFully(0, Format.VOLUME_FIXED);
    Framing.checkMagic(name, 0, fixed, 0, Format.VOLUME_MAGIC, "not a record archive (bad magic)");
    int version = Framing.checkVersion(name, 8, "record archive", ByteCursor.getLe16(fixed, 8), Format.VERSION_1,
        Format.MAX_VERSION);
    int sealLen = version == Format.VERSION_2 ? Format.VOLUME_SEAL : 0;
    if (ByteCursor.getLe16(fixed, 10) != 0) {
      throw new CorruptContainerException(name, 10, null, "unknown volume header flags");
    }
    long metaLen = ByteCursor.getLe32(fixed, 12) & 0xFFFFFFFFL;
    if (metaLen > Format.MAX_METADATA || metaLen > size - Format.VOLUME_FIXED - sealLen - 4) {
      throw new CorruptContainerException(name, 12, null, "metadata length " + metaLen
          + " exceeds the file or the " + Format.MAX_METADATA + "-byte limit");
    }
    int sealAt = Format.VOLUME_FIXED + (int) metaLen;
    int crcAt = sealAt + sealLen;
    byte[] all = new byte[crcAt + 4];
    System.arraycopy(fixed, 0, all, 0, Format.VOLUME_FIXED);
    src.readFully(Format.VOLUME_FIXED,
        java.nio.ByteBuffer.wrap(all, Format.VOLUME_FIXED, crcAt + 4 - Format.VOLUME_FIXED));
    Framing.checkChecksum(name, crcAt, "volume header", ByteCursor.getLe32(all, crcAt), Format.crc(all, 0, crcAt), "");
    ArchiveMetadata meta = parse(name, all, (int) metaLen);
    if (version == Format.VERSION_2 && !meta.encrypted()) {
      throw new CorruptContainerException(name, Format.VOLUME_FIXED, null,
          "format 2 archive metadata names no encryption (format 2 is only written for encrypted archives)");
    }
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
    if (sealLen == 0) {
      return new VolumeHeader(meta, first, version, null, null);
    }
    return new VolumeHeader(meta, first, version, Arrays.copyOf(all, sealAt), Arrays.copyOfRange(all, sealAt, crcAt));
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
        p.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
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
