package io.easystore.internal.v2;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.Checksums;
import java.util.UUID;

/**
 * The update anchor field of a DES v2 header (docs/FORMAT.md, "Updated containers"): the v2
 * header owns bytes 9..16, and only an updater writes non-zero values there, so the plain reader,
 * its verifier and the updater all read the field through this one codec. Stateless and
 * thread-safe; arrays passed in are only read, returned arrays belong to the caller.
 */
public final class V2Header {
  /** Where the header keeps the update anchor (see {@link #readAnchor}), and its size. */
  public static final int ANCHOR_OFFSET = 9;
  public static final int ANCHOR_BYTES = 7;
  public static final long MAX_ANCHOR = (1L << 48) - 1;

  private V2Header() {}

  /**
   * The update anchor in a DES v2 header: the committed end a torn tail falls back to, or 0 when
   * the header holds none or a damaged one. Bytes 9..14 hold the offset (u48), byte 15 the low
   * byte of the CRC-32C of those six bytes followed by the header's UUID (bytes 16..32), so a
   * damaged header is ignored rather than trusted.
   */
  public static long readAnchor(byte[] header, int off) {
    long v = 0;
    for (int i = 5; i >= 0; i--) {
      v = (v << 8) | (header[off + ANCHOR_OFFSET + i] & 0xff);
    }
    int check = header[off + ANCHOR_OFFSET + 6] & 0xff;
    if (v == 0) {
      return 0;
    }
    return check == anchorCheck(header, off + ANCHOR_OFFSET, header, off + 16) ? v : 0;
  }

  /** The seven anchor bytes to write at {@link #ANCHOR_OFFSET} of a header whose UUID is {@code uuid}. */
  public static byte[] anchorBytes(long anchor, UUID uuid) {
    if (anchor < 0 || anchor > MAX_ANCHOR) {
      throw new IllegalArgumentException("anchor " + anchor + " does not fit 48 bits");
    }
    byte[] b = new byte[ANCHOR_BYTES];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (anchor >>> (8 * i));
    }
    if (anchor != 0) {
      ByteBuilder u = new ByteBuilder(16);
      u.le64(uuid.getMostSignificantBits()).le64(uuid.getLeastSignificantBits());
      b[6] = (byte) anchorCheck(b, 0, u.array(), 0);
    }
    return b;
  }

  private static int anchorCheck(byte[] offset, int offsetAt, byte[] uuid, int uuidAt) {
    return Checksums.crc32c(offset, offsetAt, 6, uuid, uuidAt, 16) & 0xff;
  }
}
