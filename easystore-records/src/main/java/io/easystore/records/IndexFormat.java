package io.easystore.records;

import java.nio.charset.StandardCharsets;

/** Constants of the key index format, version 1 (docs/FORMAT.md, "Key indexes"). Little-endian. */
final class IndexFormat {
  static final byte[] HEADER_MAGIC = "ESRECIDX".getBytes(StandardCharsets.US_ASCII);
  static final byte[] BLOCK_MAGIC = "IBLK".getBytes(StandardCharsets.US_ASCII);
  static final byte[] FOOTER_MAGIC = "ESRIXEND".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int BLOCK_HEADER = 24;
  static final int FOOTER = 64;
  /** Target payload size of a block: small enough that a lookup reads a few KiB per level. */
  static final int BLOCK_TARGET = 4096;
  /** Largest payload a reader accepts (a block holds at least one 1 KiB key). */
  static final int MAX_BLOCK = 1 << 20;
  static final int MAX_HEIGHT = 16;

  private IndexFormat() {}

  static int putVarlong(byte[] b, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      b[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[pos++] = (byte) v;
    return pos;
  }

  /** A cursor over a block payload that reports overruns instead of throwing runtime exceptions. */
  static final class Input {
    final byte[] b;
    int pos;
    final int end;

    Input(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    /** Reads a varint of at most 9 bytes (63 bits); -1 on overrun or overflow. */
    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        if (pos >= end) {
          return -1;
        }
        int x = b[pos++] & 0xFF;
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      return -1;
    }
  }
}
