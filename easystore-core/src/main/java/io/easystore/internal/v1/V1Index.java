package io.easystore.internal.v1;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the DES v1 index: per entry {@code name_len u16 | name | data_offset u64 |
 * data_length u64 | meta_offset u64 | meta_length u64 | flags u32}, little-endian, in add order.
 *
 * <p>Decoding checks every field against the footer's regions, so an entry that decodes is an
 * entry whose body and metadata lie inside their regions. Stateless and thread-safe.
 */
public final class V1Index {
  /** Flag bits that v1 defines; any other bit marks a corrupt entry. */
  public static final int KNOWN_FLAGS = IndexEntry.EXTERNAL | IndexEntry.COMPRESSED
      | IndexEntry.ENCRYPTED | IndexEntry.DELETED;
  public static final int MAX_NAME_BYTES = 0xFFFF;

  private V1Index() {}

  /**
   * Decodes the whole index.
   *
   * @param index exactly the footer's index region, from its position
   */
  public static List<IndexEntry> decode(String container, V1Footer footer, ByteBuffer index)
      throws CorruptContainerException {
    ByteBuffer b = index.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    int end = b.limit();
    long count = footer.fileCount();
    List<IndexEntry> entries = new ArrayList<>((int) Math.min(count, 1 << 16));
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int p = base;
    for (long i = 0; i < count; i++) {
      long at = footer.indexStart() + (p - base);
      String where = "index entry #" + i;
      if (end - p < 2) {
        throw new CorruptContainerException(container, at, null, where + ": index ends inside the name length");
      }
      int nameLen = b.getShort(p) & 0xFFFF;
      if (nameLen == 0) {
        throw new CorruptContainerException(container, at, null, where + ": empty name");
      }
      if (end - p - 2 < nameLen + 36L) {
        throw new CorruptContainerException(container, at, null, where + ": name length " + nameLen
            + " runs past the end of the index");
      }
      String name;
      try {
        name = utf8.decode(b.duplicate().position(p + 2).limit(p + 2 + nameLen)).toString();
      } catch (CharacterCodingException e) {
        throw new CorruptContainerException(container, at + 2, null, where + ": name is not valid UTF-8", e);
      }
      int f = p + 2 + nameLen;
      long dataOffset = b.getLong(f);
      long dataLength = b.getLong(f + 8);
      long metaOffset = b.getLong(f + 16);
      long metaLength = b.getLong(f + 24);
      int flags = b.getInt(f + 32);
      long fieldsAt = at + 2 + nameLen;
      if ((flags & ~KNOWN_FLAGS) != 0) {
        throw new CorruptContainerException(container, fieldsAt + 32, name,
            "unknown flag bits 0x" + Integer.toHexString(flags));
      }
      boolean external = (flags & IndexEntry.EXTERNAL) != 0;
      if (!external && !inside(dataOffset, dataLength, footer.dataStart(), footer.dataEnd())) {
        throw new CorruptContainerException(container, fieldsAt, name, "body range [" 
            + Long.toUnsignedString(dataOffset) + ", +" + Long.toUnsignedString(dataLength)
            + ") lies outside the data region [" + footer.dataStart() + ", " + footer.dataEnd() + ")");
      }
      if (external && (dataLength < 0 || dataOffset < 0)) {
        throw new CorruptContainerException(container, fieldsAt, name, "negative external body fields");
      }
      if (!inside(metaOffset, metaLength, footer.metaStart(), footer.metaEnd())) {
        throw new CorruptContainerException(container, fieldsAt + 16, name, "meta range ["
            + Long.toUnsignedString(metaOffset) + ", +" + Long.toUnsignedString(metaLength)
            + ") lies outside the meta region [" + footer.metaStart() + ", " + footer.metaEnd() + ")");
      }
      entries.add(IndexEntry.v1(name, dataOffset, dataLength, metaOffset, metaLength, flags));
      p = f + 36;
    }
    if (p != end) {
      throw new CorruptContainerException(container, footer.indexStart() + (p - base), null,
          (end - p) + " bytes after the last of " + count + " index entries");
    }
    return entries;
  }

  private static boolean inside(long offset, long length, long regionStart, long regionEnd) {
    return offset >= regionStart && length >= 0 && offset <= regionEnd && length <= regionEnd - offset;
  }

  /** Encodes one entry; {@code nameUtf8} must already be validated. */
  public static void encode(ByteBuffer out, byte[] nameUtf8, IndexEntry e) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) nameUtf8.length).put(nameUtf8)
        .putLong(e.dataOffset()).putLong(e.storedLength())
        .putLong(e.metaOffset()).putLong(e.metaLength()).putInt(e.flags());
  }

  /** Bytes one entry takes in the index. */
  public static int encodedSize(byte[] nameUtf8) {
    return 2 + nameUtf8.length + 36;
  }

  /** Checks a name the way the reference writer does; returns its UTF-8 bytes. */
  public static byte[] validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("entry name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ("/\\:*?\"<>|".indexOf(c) >= 0) {
        throw new IllegalArgumentException("entry name '" + name + "' contains '" + c
            + "', which DES v1 forbids (/ \\ : * ? \" < > |)");
      }
    }
    CharBuffer chars = CharBuffer.wrap(name);
    ByteBuffer bytes;
    try {
      bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(chars);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("entry name '" + name + "' is not valid Unicode (lone surrogate)", e);
    }
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    if (out.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("entry name is " + out.length
          + " UTF-8 bytes; DES v1 allows at most " + MAX_NAME_BYTES);
    }
    return out;
  }
}
