package io.easystore.internal.v2;

import io.easystore.ChecksumKind;
import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
import java.util.UUID;

/**
 * The 72-byte DES v2 footer (see docs/FORMAT.md, "DES v2"): page size, checksum kind, tree height,
 * root block length, entry count, region boundaries, container UUID and a CRC-32C over the root
 * block and the footer. {@link #parse} validates every field against the file length, so a footer
 * that exists describes regions that lie inside the file, in order, without overlap.
 *
 * @param fileSize the container's length, which places the footer and the root block
 * @param keyBlockLength 0 for a plaintext container; else the length of the {@link KeyBlock}
 *     between the root block and the footer (and of its copy after the header), and the footer's
 *     version is {@link #VERSION_ENCRYPTED}
 */
public record V2Footer(int pageShift, ChecksumKind checksumKind, int height, int rootLength,
    long entryCount, long metaStart, long metaEnd, long dictStart, UUID uuid, long fileSize, int keyBlockLength) {

  public static final int SIZE = 72;
  public static final int HEADER_SIZE = 32;
  public static final int VERSION = Formats.V2;
  /** The footer version of an encrypted v2 container: older readers refuse it as too new. */
  public static final int VERSION_ENCRYPTED = Formats.V2_ENCRYPTED;
  public static final int MIN_PAGE_SHIFT = 12;
  public static final int MAX_PAGE_SHIFT = 16;
  public static final int MAX_HEIGHT = 8;
  /** The root block is read whole at open; a larger one is refused as corrupt. */
  public static final int MAX_ROOT_BYTES = 1 << 20;
  /** Five stats varints, the dictionary count and a page header. */
  public static final int MIN_ROOT_BYTES = 5 + 1 + PageFormat.HEADER_SIZE;
  /** A leaf entry takes at least 5 bytes (two name varints, a 2-byte key, flags). */
  public static final int MIN_ENTRY_BYTES = 5;

  /** A plaintext container's footer. */
  public V2Footer(int pageShift, ChecksumKind checksumKind, int height, int rootLength, long entryCount,
      long metaStart, long metaEnd, long dictStart, UUID uuid, long fileSize) {
    this(pageShift, checksumKind, height, rootLength, entryCount, metaStart, metaEnd, dictStart, uuid, fileSize, 0);
  }

  public boolean encrypted() {
    return keyBlockLength > 0;
  }

  /** Where bodies may start: after the header and, when encrypted, the key block's copy. */
  public long dataStart() {
    return (long) HEADER_SIZE + keyBlockLength;
  }

  /** Where the key block lies (meaningful when {@link #encrypted()}). */
  public long keyBlockStart() {
    return footerStart() - keyBlockLength;
  }

  public int pageSize() {
    return 1 << pageShift;
  }

  public long footerStart() {
    return fileSize - SIZE;
  }

  public long rootStart() {
    return footerStart() - keyBlockLength - rootLength;
  }

  /** Index pages start at the first page boundary at or after the metadata region. */
  public long indexStart() {
    return alignUp(metaEnd, pageSize());
  }

  public static long alignUp(long v, int page) {
    return (v + page - 1) & -(long) page;
  }

  /**
   * Parses and validates the footer at {@code fileSize - SIZE}; the CRC is checked separately by
   * {@link #checkCrc} once the root block is at hand.
   */
  public static V2Footer parse(String container, byte[] buf, int off, long fileSize)
      throws CorruptContainerException, UnsupportedVersionException {
    long at = fileSize - SIZE;
    Framing.checkMagic(container, at, buf, off, V1Footer.FOOTER_MAGIC,
        "bad footer magic (not a DES container, or truncated)");
    int version = Formats.checkV2Footer(container, at + 8, buf[off + 8] & 0xff);
    ByteCursor c = new ByteCursor(container, at, buf, off - 0, off + SIZE);
    c.pos(off + 9);
    int shift = c.u8("page_shift");
    check(c, off + 9, shift >= MIN_PAGE_SHIFT && shift <= MAX_PAGE_SHIFT,
        "page_shift " + shift + " outside " + MIN_PAGE_SHIFT + ".." + MAX_PAGE_SHIFT);
    int kindId = c.u8("checksum_kind");
    ChecksumKind kind = ChecksumKind.fromId(kindId);
    check(c, off + 10, kind != null, "unknown checksum kind " + kindId);
    int height = c.u8("height");
    check(c, off + 11, height >= 1 && height <= MAX_HEIGHT, "tree height " + height + " outside 1.." + MAX_HEIGHT);
    long rootLength = c.le32("root_length") & 0xFFFFFFFFL;
    check(c, off + 12, rootLength >= MIN_ROOT_BYTES && rootLength <= MAX_ROOT_BYTES,
        "root block length " + rootLength + " outside " + MIN_ROOT_BYTES + ".." + MAX_ROOT_BYTES);
    long entries = c.le64("entry_count");
    long metaStart = c.le64("meta_start");
    long metaEnd = c.le64("meta_end");
    long dictStart = c.le64("dict_start");
    long hi = c.le64("uuid");
    long lo = c.le64("uuid");
    int keyLength = c.le32("key_block_length");
    if (version == VERSION) {
      check(c, off + 64, keyLength == 0, "reserved footer field is not zero");
    } else {
      check(c, off + 64, keyLength >= KeyBlock.MIN_SIZE && keyLength <= KeyBlock.MAX_SIZE,
          "key block length " + Integer.toUnsignedString(keyLength) + " outside " + KeyBlock.MIN_SIZE + ".."
          + KeyBlock.MAX_SIZE);
    }
    long footerStart = fileSize - SIZE;
    long rootStart = footerStart - keyLength - rootLength;
    long dataStart = (long) HEADER_SIZE + keyLength;
    check(c, off + 12, rootStart >= dataStart, "root block of " + rootLength + " bytes starts before the header ends");
    check(c, off + 24, metaStart >= dataStart && metaStart <= rootStart,
        "meta_start " + Long.toUnsignedString(metaStart) + " outside [" + dataStart + ", " + rootStart + "]");
    check(c, off + 32, metaEnd >= metaStart && metaEnd <= rootStart,
        "meta_end " + Long.toUnsignedString(metaEnd) + " outside [" + metaStart + ", " + rootStart + "]");
    int page = 1 << shift;
    long indexStart = alignUp(metaEnd, page);
    check(c, off + 40, dictStart >= indexStart && dictStart <= rootStart && (dictStart - indexStart) % page == 0,
        "dict_start " + Long.toUnsignedString(dictStart) + " is not a page boundary within [" + indexStart + ", "
        + rootStart + "]");
    long maxEntries = (dictStart - indexStart + rootLength) / MIN_ENTRY_BYTES;
    check(c, off + 16, entries >= 0 && entries <= maxEntries,
        "entry_count " + Long.toUnsignedString(entries) + " cannot fit in " + (dictStart - indexStart + rootLength)
        + " bytes of index");
    return new V2Footer(shift, kind, height, (int) rootLength, entries, metaStart, metaEnd, dictStart,
        new UUID(hi, lo), fileSize, keyLength);
  }

  private static void check(ByteCursor c, int p, boolean ok, String problem) throws CorruptContainerException {
    if (!ok) {
      throw c.corruptAt(p, problem);
    }
  }

  /**
   * Checks the footer CRC over the root block, the key block (if any; {@code root} holds both,
   * back to back) and the first 68 footer bytes.
   */
  public void checkCrc(String container, byte[] root, int rootOff, byte[] footer, int footerOff)
      throws CorruptContainerException {
    Framing.checkChecksum(container, footerStart() + 68, "footer", ByteCursor.getLe32(footer, footerOff + 68),
        Checksums.crc32c(root, rootOff, rootLength + keyBlockLength, footer, footerOff, 68),
        " over the root block and footer");
  }

  /**
   * The 72 footer bytes, CRC included, for the given root block followed (when encrypted) by the
   * key block.
   */
  public byte[] encode(byte[] root, int rootOff) {
    ByteBuilder b = new ByteBuilder(SIZE);
    b.bytes(V1Footer.FOOTER_MAGIC).u8(encrypted() ? VERSION_ENCRYPTED : VERSION).u8(pageShift)
        .u8(checksumKind.id()).u8(height).le32(rootLength)
        .le64(entryCount).le64(metaStart).le64(metaEnd).le64(dictStart)
        .le64(uuid.getMostSignificantBits()).le64(uuid.getLeastSignificantBits()).le32(keyBlockLength);
    b.le32(Checksums.crc32c(root, rootOff, rootLength + keyBlockLength, b.array(), 0, 68));
    return b.toByteArray();
  }

  /** The 32 header bytes: magic, version 2, zeros, UUID. */
  public static byte[] header(UUID uuid) {
    return header(uuid, null);
  }

  /**
   * The header; for an encrypted container (a non-null {@code keyBlock}) byte 9 is 1, bytes 10..11
   * the key block's length, and the key block follows the 32 bytes.
   */
  public static byte[] header(UUID uuid, byte[] keyBlock) {
    int extra = keyBlock == null ? 0 : keyBlock.length;
    ByteBuilder b = new ByteBuilder(HEADER_SIZE + extra);
    b.bytes(V1Footer.HEADER_MAGIC).u8(VERSION);
    if (keyBlock == null) {
      b.zeros(7);
    } else {
      b.u8(1).le16(extra).zeros(4);
    }
    b.le64(uuid.getMostSignificantBits()).le64(uuid.getLeastSignificantBits());
    if (keyBlock != null) {
      b.bytes(keyBlock);
    }
    return b.toByteArray();
  }
}
