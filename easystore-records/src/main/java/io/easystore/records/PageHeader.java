package io.easystore.records;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Framing;
import io.easystore.codec.CodecId;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.BlockTruncatedException;
import io.easystore.internal.crypto.PageSealer;
import java.nio.charset.StandardCharsets;

/**
 * One decoded, validated page header (layout in docs/FORMAT.md).
 *
 * @param offset where the page starts
 * @param version the page format version (1, or 2 for sealed pages of format 2 archives)
 * @param codec how the entry stream was compressed
 * @param encrypted whether the payload is sealed
 * @param created page creation time, ms since the Unix epoch (UTC)
 * @param entryCount records in the page, at least 1
 * @param plainLength length of the entry stream (with terminator)
 * @param storedLength length of the payload as stored
 * @param payloadCrc CRC32C of the stored payload
 * @param host the writer's host
 * @param application the writer's application id
 * @param headerLength bytes of header, including its CRC
 */
record PageHeader(long offset, int version, CodecId codec, boolean encrypted, long created, int entryCount,
    int plainLength, int storedLength, int payloadCrc, String host, String application, int headerLength) {

  /** The offset of the page that follows this one. */
  long next() {
    return Format.align(offset + headerLength + (long) storedLength);
  }

  long payloadOffset() {
    return offset + headerLength;
  }

  /**
   * Builds the header bytes; the lengths must already be known. With a payload CRC of 0 the result
   * is what a sealed page's associated data is built from.
   */
  static byte[] encode(int version, long offset, CodecId codec, boolean encrypted, long created, int count,
      int plainLength, int storedLength, int payloadCrc, byte[] host, byte[] app) {
    int len = Format.PAGE_FIXED + host.length + app.length;
    byte[] b = new byte[len + 4];
    System.arraycopy(Format.PAGE_MAGIC, 0, b, 0, 4);
    b[4] = (byte) version;
    b[5] = (byte) codec.id();
    b[6] = (byte) (encrypted ? Format.FLAG_ENCRYPTED : 0);
    b[7] = (byte) host.length;
    ByteBuilder.putLe64(b, 8, offset);
    ByteBuilder.putLe64(b, 16, created);
    ByteBuilder.putLe32(b, 24, count);
    ByteBuilder.putLe32(b, 28, plainLength);
    ByteBuilder.putLe32(b, 32, storedLength);
    ByteBuilder.putLe32(b, 36, payloadCrc);
    b[40] = (byte) app.length;
    System.arraycopy(host, 0, b, Format.PAGE_FIXED, host.length);
    System.arraycopy(app, 0, b, Format.PAGE_FIXED + host.length, app.length);
    ByteBuilder.putLe32(b, len, Format.crc(b, 0, len));
    return b;
  }

  /**
   * Parses and validates the header in {@code b[0, avail)} of a page expected at {@code offset}
   * in a file of {@code size} bytes. Every field is checked before anything is allocated from it.
   */
  static PageHeader parse(String name, byte[] b, int avail, long offset, long size, ReaderOptions opts)
      throws CorruptContainerException, LimitExceededException, UnsupportedVersionException {
    if (avail < Format.PAGE_HEADER_MIN) {
      throw bad(name, offset, "only " + avail + " bytes left where a page header (at least "
          + Format.PAGE_HEADER_MIN + ") should be");
    }
    if (!Framing.hasMagic(b, 0, Format.PAGE_MAGIC)) {
      throw bad(name, offset, "no page magic");
    }
    int hostLen = b[7] & 0xFF;
    int appLen = b[40] & 0xFF;
    if (hostLen > Format.MAX_HOST || appLen > Format.MAX_APP) {
      throw bad(name, offset, "host or application field longer than 64 bytes");
    }
    int len = Format.PAGE_FIXED + hostLen + appLen;
    if (avail < len + 4) {
      throw bad(name, offset, "page header cut short");
    }
    String crcProblem = Framing.checksumProblem("page header", ByteCursor.getLe32(b, len), Format.crc(b, 0, len), "");
    if (crcProblem != null) {
      throw bad(name, offset, crcProblem);
    }
    int version = Framing.checkVersion(name, offset + 4, "record page", b[4] & 0xFF, Format.VERSION_1,
        Format.MAX_VERSION);
    CodecId codec;
    try {
      codec = CodecId.fromId(b[5] & 0xFF, name, offset + 5);
    } catch (CorruptContainerException e) {
      throw bad(name, offset, e.getMessage());
    }
    if (codec == CodecId.ZSTD_DICTIONARY) {
      throw bad(name, offset, "zstd-dict pages are not part of record archive format 1");
    }
    int flags = b[6] & 0xFF;
    if ((flags & ~Format.FLAG_ENCRYPTED) != 0) {
      throw bad(name, offset, "unknown page flags 0x" + Integer.toHexString(flags));
    }
    boolean encrypted = (flags & Format.FLAG_ENCRYPTED) != 0;
    if (version == Format.VERSION_2 && !encrypted) {
      throw bad(name, offset, "format 2 page is not sealed (format 2 pages always are)");
    }
    long recorded = ByteCursor.getLe64(b, 8);
    if (recorded != offset) {
      // An intact header at the wrong place cannot come from a crash: the page was moved or copied.
      String problem = "page header records offset " + recorded + ": the page was moved, swapped or copied here";
      if (encrypted) {
        throw new BlockMovedException(name, offset, null, "sealed " + problem);
      }
      throw new MovedPageException(name, offset, problem);
    }
    int count = ByteCursor.getLe32(b, 24);
    long plain = ByteCursor.getLe32(b, 28) & 0xFFFFFFFFL;
    long stored = ByteCursor.getLe32(b, 32) & 0xFFFFFFFFL;
    if (count < 1 || plain < 3L * count + Format.TERMINATOR) {
      throw bad(name, offset, "impossible record count " + count + " for " + plain + " bytes");
    }
    if (plain > opts.maxPageSize()) {
      throw new LimitExceededException(name, offset, null, "page size", plain, opts.maxPageSize(),
          "ReaderOptions.withMaxPageSize or --max-page-size");
    }
    if (stored > opts.maxStoredSize() || stored > size - offset - len - 4) {
      throw bad(name, offset, "payload of " + stored + " bytes runs past the end of the file (" + size
          + ") or the page size limit");
    }
    if (encrypted && (stored < PageSealer.OVERHEAD || (codec == CodecId.NONE && stored != plain + PageSealer.OVERHEAD))) {
      throw new BlockTruncatedException(name, offset, null, "sealed page payload of " + stored
          + " bytes is too short for nonce, tag and an entry stream of " + plain + " bytes");
    }
    if (!encrypted && codec == CodecId.NONE && stored != plain) {
      throw bad(name, offset, "uncompressed payload length " + stored + " differs from entry stream length " + plain);
    }
    String host = new String(b, Format.PAGE_FIXED, hostLen, StandardCharsets.UTF_8);
    String app = new String(b, Format.PAGE_FIXED + hostLen, appLen, StandardCharsets.UTF_8);
    return new PageHeader(offset, version, codec, encrypted, ByteCursor.getLe64(b, 16), count, (int) plain, (int) stored,
        ByteCursor.getLe32(b, 36), host, app, len + 4);
  }

  /**
   * Whether {@code b[pos, avail)} starts with something that looks like a page header of this
   * format (magic, lengths, header CRC), whatever offset it records. -1 if not, else the offset it
   * records.
   */
  static long recordedOffsetIfHeader(byte[] b, int pos, int avail) {
    if (avail - pos < Format.PAGE_HEADER_MIN || !Format.startsWith(b, pos, Format.PAGE_MAGIC)) {
      return -1;
    }
    int hostLen = b[pos + 7] & 0xFF;
    int appLen = b[pos + 40] & 0xFF;
    int len = Format.PAGE_FIXED + hostLen + appLen;
    if (hostLen > Format.MAX_HOST || appLen > Format.MAX_APP || avail - pos < len + 4
        || ByteCursor.getLe32(b, pos + len) != Format.crc(b, pos, len)) {
      return -1;
    }
    return ByteCursor.getLe64(b, pos + 8);
  }

  private static CorruptPageException bad(String name, long offset, String problem) {
    return new CorruptPageException(name, offset, null, CorruptPageException.NONE, problem, null);
  }
}
