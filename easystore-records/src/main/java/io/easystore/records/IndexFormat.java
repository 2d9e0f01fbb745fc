package io.easystore.records;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
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
  /** Longest varint in a block: 9 bytes, 63 bits. */
  static final int MAX_VARINT = 9;

  private IndexFormat() {}

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

    /**
     * Reads a canonical varint of at most 9 bytes (63 bits) with the shared rule; -1 on overrun,
     * overflow or a non-canonical encoding.
     */
    long varlong() {
      long v = ByteCursor.varLongAt(b, pos, end, MAX_VARINT);
      if (v >= 0) {
        pos += ByteBuilder.varLongSize(v);
      }
      return v;
    }
  }
}
