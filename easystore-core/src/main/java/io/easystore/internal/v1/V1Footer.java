package io.easystore.internal.v1;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 72-byte DES v1 footer: where the data, metadata and index regions are and how many entries
 * the index holds. Values are validated on construction against each other; {@link #parse}
 * additionally checks them against the file length, so a footer that exists is a footer whose
 * regions lie inside the file, in order, without overlap.
 */
public record V1Footer(
    long dataStart, long dataLength, long metaStart, long metaLength,
    long indexStart, long indexLength, long fileCount) {

  public static final int SIZE = 72;
  public static final int HEADER_SIZE = 16;
  // The magics are shared by the format's readers and writers in other packages; none writes to them.
  @SuppressWarnings("MutablePublicArray")
  public static final byte[] HEADER_MAGIC = {'D', 'E', 'S', 'H', 'E', 'A', 'D', '1'};
  @SuppressWarnings("MutablePublicArray")
  public static final byte[] FOOTER_MAGIC = {'D', 'E', 'S', 'F', 'O', 'O', 'T', '1'};
  public static final int VERSION = Formats.V1;
  /** Each index entry needs at least a 2-byte name length and 36 bytes of fields. */
  public static final int MIN_ENTRY_BYTES = 2 + 36;

  public V1Footer {
    if (dataStart < 0 || dataLength < 0 || metaStart < 0 || metaLength < 0
        || indexStart < 0 || indexLength < 0 || fileCount < 0) {
      throw new IllegalArgumentException("negative footer field");
    }
  }

  public long dataEnd() {
    return dataStart + dataLength;
  }

  public long metaEnd() {
    return metaStart + metaLength;
  }

  /** The version byte of a DES footer whose magic was checked, for dispatching to a reader. */
  public static int peekVersion(String container, ByteBuffer footer, long footerOffset)
      throws CorruptContainerException {
    Framing.checkMagic(container, footerOffset, footer, footer.position(), FOOTER_MAGIC,
        "bad footer magic (not a DES container, or truncated)");
    return footer.get(footer.position() + 8) & 0xff;
  }

  /**
   * Parses and validates the footer found at {@code fileSize - SIZE}.
   *
   * @param footer exactly {@link #SIZE} bytes, from its position
   */
  public static V1Footer parse(String container, ByteBuffer footer, long fileSize)
      throws CorruptContainerException, UnsupportedVersionException {
    long at = fileSize - SIZE;
    Framing.checkVersion(container, at + 8, "DES", peekVersion(container, footer, at), Formats.V1, Formats.V1);
    ByteBuffer b = footer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    for (int i = 9; i < 16; i++) {
      if (b.get(base + i) != 0) {
        throw new CorruptContainerException(container, at + i, null, "footer reserved byte is not zero");
      }
    }
    long[] v = new long[7];
    String[] names = {"data_start", "data_length", "meta_start", "meta_length",
        "index_start", "index_length", "file_count"};
    for (int i = 0; i < 7; i++) {
      v[i] = b.getLong(base + 16 + 8 * i);
      if (v[i] < 0) {
        throw new CorruptContainerException(container, at + 16 + 8L * i, null,
            "footer field " + names[i] + " is " + Long.toUnsignedString(v[i]) + ", beyond any file");
      }
    }
    V1Footer f = new V1Footer(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    f.checkRegions(container, fileSize);
    return f;
  }

  private void checkRegions(String container, long fileSize) throws CorruptContainerException {
    long footerStart = fileSize - SIZE;
    long at = footerStart + 16;
    // Additions cannot overflow: every operand is below 2^63 and checked against fileSize in turn.
    check(container, at, dataStart >= HEADER_SIZE, "data region starts at " + dataStart
        + ", inside the 16-byte header");
    check(container, at + 8, dataLength <= footerStart - dataStart, "data region [" + dataStart
        + ", +" + dataLength + ") runs past the footer at " + footerStart);
    check(container, at + 16, metaStart >= dataEnd(), "meta region starts at " + metaStart
        + ", before the data region ends at " + dataEnd());
    check(container, at + 24, metaStart <= footerStart && metaLength <= footerStart - metaStart,
        "meta region [" + metaStart + ", +" + metaLength + ") runs past the footer at " + footerStart);
    check(container, at + 32, indexStart >= metaEnd(), "index region starts at " + indexStart
        + ", before the meta region ends at " + metaEnd());
    check(container, at + 40, indexStart <= footerStart && indexLength <= footerStart - indexStart,
        "index region [" + indexStart + ", +" + indexLength + ") runs past the footer at " + footerStart);
    check(container, at + 48, fileCount <= indexLength / MIN_ENTRY_BYTES, "file_count " + fileCount
        + " cannot fit in an index of " + indexLength + " bytes");
  }

  private static void check(String container, long offset, boolean ok, String problem)
      throws CorruptContainerException {
    if (!ok) {
      throw new CorruptContainerException(container, offset, null, problem);
    }
  }

  /** The 72 footer bytes. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(FOOTER_MAGIC).put((byte) VERSION).put(new byte[7]);
    b.putLong(dataStart).putLong(dataLength).putLong(metaStart).putLong(metaLength)
        .putLong(indexStart).putLong(indexLength).putLong(fileCount);
    return b.array();
  }

  /** The 16 header bytes. */
  public static byte[] header() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.put(HEADER_MAGIC).put((byte) VERSION);
    return b.array();
  }
}
