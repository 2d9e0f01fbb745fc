package io.easystore.fuzz;

import java.util.Arrays;

/**
 * Turns fuzz bytes into a few edits of a fixed, valid container, for targets whose invariant needs
 * the pristine contents (damage must be detected, never read as data). Each 5-byte group is one
 * edit: operation, 24-bit position (modulo the length), value. Stateless.
 */
final class EditScript {
  private EditScript() {}

  static final int MAX_EDITS = 16;

  static byte[] apply(byte[] base, byte[] script) {
    byte[] b = base.clone();
    for (int i = 0; i + 5 <= script.length && i / 5 < MAX_EDITS && b.length > 0; i += 5) {
      int op = script[i] & 0xFF;
      int pos = (((script[i + 1] & 0xFF) << 16) | ((script[i + 2] & 0xFF) << 8) | (script[i + 3] & 0xFF)) % b.length;
      byte v = script[i + 4];
      switch (op % 5) {
        case 0 -> b[pos] ^= (byte) (1 << (v & 7));
        case 1 -> b[pos] = v;
        case 2 -> b = Arrays.copyOf(b, pos);
        case 3 -> {
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, pos);
          n[pos] = v;
          System.arraycopy(b, pos, n, pos + 1, b.length - pos);
          b = n;
        }
        default -> {
          // Overwrite 8 bytes with an interesting little-endian value (0, -1, 2^31, 2^62...).
          long[] evil = {0, -1, 1L << 31, (1L << 32) - 1, 1L << 62, Long.MAX_VALUE, b.length, 1 << 30};
          long x = evil[(v & 0xFF) % evil.length];
          for (int k = 0; k < 8 && pos + k < b.length; k++) {
            b[pos + k] = (byte) (x >>> (8 * k));
          }
        }
      }
    }
    return b;
  }

  /**
   * Edits only the root block and footer of a plaintext v2 container (positions taken inside that
   * tail), then recomputes the footer CRC, so that field validation rather than the CRC must catch
   * the damage, as an attacker who rewrites the index would arrange.
   */
  static byte[] applyToIndexWithCrcFixed(byte[] base, byte[] script) {
    java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(base, base.length - 72, 72).slice()
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int rootLength = f.getInt(12);
    int tail = rootLength + 72;
    byte[] b = base.clone();
    for (int i = 0; i + 5 <= script.length && i / 5 < MAX_EDITS; i += 5) {
      int pos = b.length - tail + ((((script[i + 1] & 0xFF) << 8) | (script[i + 2] & 0xFF)) % tail);
      byte v = script[i + 4];
      switch ((script[i] & 0xFF) % 3) {
        case 0 -> b[pos] ^= (byte) (1 << (v & 7));
        case 1 -> b[pos] = v;
        default -> {
          long[] evil = {0, -1, 1L << 31, (1L << 32) - 1, 1L << 62, Long.MAX_VALUE, b.length, 1 << 30};
          long x = evil[(v & 0xFF) % evil.length];
          int width = 1 << ((script[i + 3] & 0xFF) % 4);
          for (int k = 0; k < width && pos + k < b.length - 4; k++) {
            b[pos + k] = (byte) (x >>> (8 * k));
          }
        }
      }
    }
    int newRoot = java.nio.ByteBuffer.wrap(b, b.length - 72 + 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    int rootStart = b.length - 72 - (newRoot >= 0 && newRoot <= b.length - 72 ? newRoot : rootLength);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, rootStart, b.length - 72 - rootStart);
    crc.update(b, b.length - 72, 68);
    java.nio.ByteBuffer.wrap(b, b.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
    return b;
  }
}
