package io.easystore.els;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Framing;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The start of segment 0 of every record: who the directory belongs to and what it holds.
 *
 * <pre>
 * u8 version (1) | u8 kind code | varint segments | varint ordinal | varint key length | key UTF-8
 * | value bytes...
 * </pre>
 *
 * Varints are canonical unsigned LEB128 (the shared {@code ByteCursor} rule), at most 9 bytes for
 * the ordinal and 4 for the others. "segments"
 * is how many segments (this one included) the write that created the generation committed: a
 * reader that sees fewer has a listing that missed a file and must look again, rather than return
 * a shorter value. Bucket records carry no value bytes.
 *
 * @param kind what the record describes
 * @param ordinal position in the parent bucket
 * @param key the original name (empty for the root)
 */
record Header(ElsKind kind, long ordinal, String key) {
  static final int VERSION = 1;

  /** Result of {@link #decode}: the header and where the value bytes start in segment 0. */
  record Decoded(Header header, int segments, int keyBytes, int valueOffset) {}

  /** Header followed by {@code value[0..inline)}, for a generation written with {@code segments}. */
  byte[] encode(byte[] value, int inline, int segments) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    ByteBuilder out = new ByteBuilder(k.length + inline + 16);
    out.u8(VERSION).u8(kind.code()).varLong(segments).varLong(ordinal).varLong(k.length);
    out.bytes(k).bytes(value, 0, inline);
    return out.toByteArray();
  }

  /**
   * Parses segment 0 of record {@code entry} of {@code store}. Throws {@link
   * UnsupportedVersionException} (through the shared {@link Framing} check) for another header
   * version and {@link IllegalArgumentException} with the reason if the bytes are not a header.
   * The caller enforces the key-length limit on {@link Decoded#keyBytes()}.
   */
  static Decoded decode(byte[] seg, String store, String entry) throws UnsupportedVersionException {
    if (seg.length < 4) {
      throw new IllegalArgumentException("record header of " + seg.length + " bytes is too short");
    }
    // The header has no magic (the file name says what it is) and no checksum of its own (each
    // segment is checked as a whole): its version byte is all there is to frame.
    Framing.checkVersion(store, CorruptContainerException.NO_OFFSET, entry, "ELS", seg[0] & 0xFF, VERSION, VERSION);
    ElsKind kind = ElsKind.fromCode(seg[1] & 0xFF);
    if (kind == null) {
      throw new IllegalArgumentException("unknown kind code " + (seg[1] & 0xFF));
    }
    int[] pos = {2};
    long segments = readVarint(seg, pos, 4);
    if (segments < 1) {
      throw new IllegalArgumentException("header counts no segments");
    }
    long ordinal = readVarint(seg, pos, 9);
    long keyLen = readVarint(seg, pos, 4);
    if (keyLen > seg.length - pos[0]) {
      throw new IllegalArgumentException("key length " + keyLen + " runs past the header");
    }
    String key;
    try {
      key = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(seg, pos[0], (int) keyLen)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("key is not valid UTF-8", e);
    }
    int valueAt = pos[0] + (int) keyLen;
    if (kind.isBucket() && valueAt != seg.length) {
      throw new IllegalArgumentException("bucket header has " + (seg.length - valueAt) + " trailing bytes");
    }
    return new Decoded(new Header(kind, ordinal, key), (int) segments, (int) keyLen, valueAt);
  }

  private static long readVarint(byte[] b, int[] pos, int maxBytes) {
    long v = ByteCursor.varLongAt(b, pos[0], b.length, maxBytes);
    if (v < 0) {
      throw new IllegalArgumentException("number in header is truncated, longer than " + maxBytes
          + " bytes or not canonical");
    }
    pos[0] += ByteBuilder.varLongSize(v);
    return v;
  }
}
