package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.ReaderOptions;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads DES v2 metadata records: size limit, CRC-32C, the seal when the index is protected, JSON. Stateless. */
final class V2Meta {
  private V2Meta() {}

  /**
   * The metadata object of {@code e}, which must have some.
   *
   * @param metaStart where the meta region starts (sealed records are bound to their offset in it)
   * @param cipher opens sealed records; null when metadata is plaintext
   */
  static ObjectNode read(RangeSource source, ReaderOptions options, long metaStart, ContainerCipher cipher,
      IndexEntry e) throws IOException {
    if (e.metaLength() > options.maxMetaBytes()) {
      throw new LimitExceededException(source.name(), e.metaOffset(), e.name(), "metadata size", e.metaLength(),
          options.maxMetaBytes(), "ReaderOptions.withMaxMetaBytes or -Deasystore.maxMetaBytes");
    }
    int len = (int) e.metaLength();
    byte[] bytes = source.readFully(e.metaOffset(), len + 4);
    io.easystore.internal.v2.MetaRecord.check(bytes, len, io.easystore.internal.v2.MetaRecord.keyOf(e.name()), source.name(),
        e.metaOffset(), e.name());
    if (cipher != null) {
      bytes = cipher.unbox(ContainerCipher.META, e.metaOffset() - metaStart, 0, bytes, 0, len, e.name());
      len = bytes.length;
    }
    JsonNode parsed;
    try {
      parsed = ReferenceJson.parse(bytes, 0, len);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new CorruptContainerException(source.name(), e.metaOffset(), e.name(),
          "metadata is not valid JSON: " + ex.getOriginalMessage(), ex);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new CorruptContainerException(source.name(), e.metaOffset(), e.name(), "metadata is not a JSON object");
    }
    return object;
  }
}
