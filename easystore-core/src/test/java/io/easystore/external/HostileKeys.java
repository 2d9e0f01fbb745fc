package io.easystore.external;

import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v1.V1Index;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Containers whose external entry "victim" records a chosen (hostile) external key. */
final class HostileKeys {
  private HostileKeys() {}

  /** A v1 container built byte by byte: one external entry of {@code size} bytes at {@code key}. */
  static Path v1WithKey(Path dir, String key, long size) throws IOException {
    byte[] meta = ReferenceJson.toBytes(ReferenceJson.object().put("size", size).put("is_external", true)
        .put("external_key", key));
    byte[] name = "victim".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(V1Footer.header());
    long metaStart = out.size();
    out.writeBytes(meta);
    long indexStart = out.size();
    ByteBuffer index = ByteBuffer.allocate(V1Index.encodedSize(name));
    V1Index.encode(index, name, IndexEntry.v1("victim", 0, size, metaStart, meta.length, IndexEntry.EXTERNAL));
    out.writeBytes(index.array());
    out.writeBytes(new V1Footer(V1Footer.HEADER_SIZE, 0, metaStart, meta.length, indexStart, index.capacity(), 1)
        .encode());
    Path p = dir.resolve("hostile-v1-" + Integer.toHexString(key.hashCode()) + ".des");
    return Files.write(p, out.toByteArray());
  }

  /**
   * A v2 container written normally, whose external key is then replaced in place: the JSON is
   * padded with spaces to its old length and its CRC recomputed, so only the key is hostile.
   */
  static Path v2WithKey(Path dir, String key) throws IOException {
    Path p = dir.resolve("hostile-v2-" + Integer.toHexString(key.hashCode()) + ".des");
    try (DesWriter w = DesWriter.create(p, WriterOptions.defaults().withExternalThreshold(10))) {
      w.addFile("victim", new byte[5000], null);
    }
    byte[] b = Files.readAllBytes(p);
    byte[] marker = "{\"is_external\":true,\"external_key\":\"".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(b, marker);
    int end = at;
    while (b[end] != '}') {
      end++;
    }
    int len = end + 1 - at;
    byte[] replacement = ReferenceJson.toBytes(ReferenceJson.object().put("is_external", true).put("external_key", key));
    if (replacement.length > len) {
      throw new IllegalArgumentException("key too long for an in-place patch: " + key);
    }
    byte[] padded = new byte[len];
    java.util.Arrays.fill(padded, (byte) ' ');
    System.arraycopy(replacement, 0, padded, 0, replacement.length);
    System.arraycopy(padded, 0, b, at, len);
    ByteBuilder.putLe32(b, at + len, Checksums.crc32c(b, at, len, b, 0, 0));
    Files.delete(p);
    return Files.write(p, b);
  }

  private static int indexOf(byte[] b, byte[] m) {
    outer:
    for (int i = 0; i + m.length <= b.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (b[i + j] != m[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("marker not found");
  }
}
