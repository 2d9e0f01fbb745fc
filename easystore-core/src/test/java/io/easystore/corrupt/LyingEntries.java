package io.easystore.corrupt;

import io.easystore.ChecksumKind;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v2.V2Footer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * v2 containers with one entry field rewritten inside the root leaf and every CRC recomputed, as
 * an attacker can: only validation against the rest of the file can notice.
 */
final class LyingEntries {
  private LyingEntries() {}

  /**
   * One zstd-compressed entry "big" (4,096 bytes, the first {@code incompressible} of them random)
   * whose original length says {@code claimed} (2^28 to 2^35 - 1, a 5-byte varint). The room comes
   * from the entry's mtime field (3 bytes), which is dropped.
   */
  static Path compressedWithOriginalLength(Path dir, long claimed, int incompressible) throws IOException {
    Path p = dir.resolve("lying-" + claimed + "-" + incompressible + ".des");
    byte[] body = new byte[4096];
    Random rnd = new Random(1);
    for (int i = 0; i < incompressible; i++) {
      body[i] = (byte) rnd.nextInt();
    }
    try (DesWriter w = DesWriter.create(p, WriterOptions.defaults().withCodec(CodecId.ZSTD)
        .withChecksum(ChecksumKind.CRC32C))) {
      w.addFile("big", body, null, new EntryAttributes(10_000, EntryAttributes.NO_MODE));
    }
    IndexEntry e;
    try (DesReader r = DesReader.open(p)) {
      e = r.entry("big");
    }
    if (!e.isCompressed()) {
      throw new IllegalStateException("body was not compressed");
    }
    byte[] b = Files.readAllBytes(p);
    ByteBuilder old = new ByteBuilder(32);
    old.varLong(e.storedLength()).varLong(4096);
    int codecAt = old.size();
    old.u8(b[0]).varLong(0).le32((int) e.checksum()).zigzag(10_000);
    byte[] pattern = old.toByteArray();
    int at = indexOfIgnoring(b, pattern, codecAt);
    int delta = at - 1;
    while ((b[delta - 1] & 0x80) != 0) {
      delta--;
    }
    int flags = delta - 1;
    if (b[flags] != 0x42) {
      throw new IllegalStateException("unexpected flags " + b[flags]);
    }
    b[flags] = 0x02;
    ByteBuilder now = new ByteBuilder(32);
    now.varLong(e.storedLength()).varLong(claimed).u8(b[at + codecAt]).varLong(0).le32((int) e.checksum());
    byte[] replacement = now.toByteArray();
    if (replacement.length != pattern.length) {
      throw new IllegalArgumentException("claimed length must be a 5-byte varint: " + claimed);
    }
    System.arraycopy(replacement, 0, b, at, replacement.length);
    fixCrcs(b);
    return Files.write(p, b);
  }

  /** An external entry "victim" (5,000 bytes) whose data_offset says 1 instead of 0. */
  static Path externalWithDataOffset(Path dir) throws IOException {
    Path p = dir.resolve("ext-offset.des");
    byte[] body = new byte[5000];
    new Random(2).nextBytes(body);
    try (DesWriter w = DesWriter.create(p, WriterOptions.defaults().withExternalThreshold(10)
        .withCodec(CodecId.NONE).withChecksum(ChecksumKind.CRC32C))) {
      w.addFile("victim", body, null);
    }
    IndexEntry e;
    try (DesReader r = DesReader.open(p)) {
      e = r.entry("victim");
    }
    byte[] b = Files.readAllBytes(p);
    ByteBuilder old = new ByteBuilder(32);
    old.varLong(e.storedLength()).le32((int) e.checksum());
    int at = indexOf(b, old.toByteArray());
    int delta = at - 1;
    while ((b[delta - 1] & 0x80) != 0) {
      delta--;
    }
    // The first entry of the leaf: base 0, so the delta is the offset itself; zigzag(1) is 2.
    if (b[delta] != 0 || delta != at - 1 || (b[delta - 1] & 0x21) != 0x21) {
      throw new IllegalStateException("unexpected entry bytes " + java.util.HexFormat.of().formatHex(b, delta - 1, at + 8));
    }
    b[delta] = 2;
    fixCrcs(b);
    return Files.write(p, b);
  }

  /** {@link #indexOf} with the byte at {@code wildcard} of the pattern matching anything. */
  private static int indexOfIgnoring(byte[] b, byte[] pattern, int wildcard) {
    int found = -1;
    outer:
    for (int i = 0; i + pattern.length <= b.length; i++) {
      for (int k = 0; k < pattern.length; k++) {
        if (k != wildcard && b[i + k] != pattern[k]) {
          continue outer;
        }
      }
      if (found >= 0) {
        throw new IllegalStateException("pattern found twice");
      }
      found = i;
    }
    if (found < 0) {
      throw new IllegalStateException("pattern not found");
    }
    return found;
  }

  private static int indexOf(byte[] b, byte[] pattern) {
    int found = -1;
    outer:
    for (int i = 0; i + pattern.length <= b.length; i++) {
      for (int k = 0; k < pattern.length; k++) {
        if (b[i + k] != pattern[k]) {
          continue outer;
        }
      }
      if (found >= 0) {
        throw new IllegalStateException("pattern found twice");
      }
      found = i;
    }
    if (found < 0) {
      throw new IllegalStateException("pattern not found");
    }
    return found;
  }

  /** Recomputes the root node's CRC and the footer's (which covers the root block). */
  private static void fixCrcs(byte[] m) throws IOException {
    V2Footer f = V2Footer.parse("x", m, m.length - V2Footer.SIZE, m.length);
    int node = rootNodeOffset(m, (int) f.rootStart());
    int length = Math.min(ByteCursor.getLe32(m, node + 8), m.length - node);
    ByteBuilder.putLe32(m, node + 12, Checksums.crc32c(m, node, 12, m, node + 16, length - 16));
    int at = m.length - V2Footer.SIZE;
    int root = at - f.rootLength();
    ByteBuilder.putLe32(m, at + 68, Checksums.crc32c(m, root, f.rootLength(), m, at, 68));
  }

  private static int rootNodeOffset(byte[] b, int p) {
    for (int v = 0; v < 5; v++) {
      while ((b[p] & 0x80) != 0) {
        p++;
      }
      p++;
    }
    int dicts = b[p++];
    for (int d = 0; d < dicts; d++) {
      for (int v = 0; v < 2; v++) {
        while ((b[p] & 0x80) != 0) {
          p++;
        }
        p++;
      }
      p += 4;
    }
    return p;
  }
}
