package io.easystore.records;

import io.easystore.internal.crypto.PageSealer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Constants and byte helpers of record archive formats 1 and 2 (docs/FORMAT.md, "Record
 * archives"). All integers are little-endian; they and the varints are read and written with
 * the shared helpers of {@code io.easystore.internal.bytes}.
 */
final class Format {
  static final byte[] VOLUME_MAGIC = "ESRECARC".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PAGE_MAGIC = "PAGE".getBytes(StandardCharsets.US_ASCII);
  /** Format 1: plaintext archives, and encrypted archives written before format 2. */
  static final int VERSION_1 = 1;
  /**
   * Format 2: encrypted archives whose volume header is sealed and whose pages authenticate their
   * whole header. Plaintext archives stay format 1, so older readers still read them.
   */
  static final int VERSION_2 = 2;
  static final int MAX_VERSION = VERSION_2;
  static final int ALIGN = 16;

  /** Fixed part of the volume header before the metadata JSON. */
  static final int VOLUME_FIXED = 16;
  static final int MAX_METADATA = 1 << 20;
  /** Format 2: the volume header seal (nonce and tag over the header) between metadata and CRC. */
  static final int VOLUME_SEAL = PageSealer.OVERHEAD;

  /** Page header: 41 fixed bytes, host, app, then the 4-byte header CRC. */
  static final int PAGE_FIXED = 41;
  static final int PAGE_HEADER_MIN = PAGE_FIXED + 4;
  static final int MAX_HOST = 64;
  static final int MAX_APP = 64;
  static final int PAGE_HEADER_MAX = PAGE_HEADER_MIN + MAX_HOST + MAX_APP;
  /** Format 1: bytes of the header authenticated as associated data when a page is sealed. */
  static final int SEALED_HEADER_PREFIX = 36;
  /** Where the payload CRC sits in a page header; zero in format 2's associated data. */
  static final int PAYLOAD_CRC_AT = 36;
  static final int FLAG_ENCRYPTED = 1;

  static final byte ENTRY_MARK_0 = '@';
  static final byte ENTRY_MARK_1 = '>';
  /** Longest record length varint: 5 bytes. */
  static final int MAX_ENTRY_VARINT = 5;
  /** Marker, then at most a 5-byte varint: the longest entry framing. */
  static final int MAX_ENTRY_OVERHEAD = 2 + MAX_ENTRY_VARINT;
  static final int TERMINATOR = 2;

  static final String AAD_PURPOSE = "easystore-records-page-v1";
  static final String AAD_PURPOSE_V2 = "easystore-records-page-v2";
  static final String VOLUME_AAD_PURPOSE = "easystore-records-volume-v2";

  private Format() {}

  static long align(long offset) {
    return (offset + ALIGN - 1) & ~(long) (ALIGN - 1);
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static boolean startsWith(byte[] b, int pos, byte[] magic) {
    if (pos < 0 || pos + magic.length > b.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (b[pos + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Cuts a string to at most {@code max} UTF-8 bytes without splitting a character. */
  static byte[] utf8Prefix(String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= max) {
      return b;
    }
    int end = max;
    while (end > 0 && (b[end] & 0xC0) == 0x80) {
      end--;
    }
    byte[] out = new byte[end];
    System.arraycopy(b, 0, out, 0, end);
    return out;
  }
}
