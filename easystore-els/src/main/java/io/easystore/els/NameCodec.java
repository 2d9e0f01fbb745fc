package io.easystore.els;

/**
 * Spells bytes as file-name characters and back, in unpadded base64url or lower-case base32.
 * Decoding is strict: characters outside the alphabet, impossible lengths and non-zero trailing
 * bits are refused, so every stored byte string has exactly one spelling. Stateless and
 * thread-safe.
 */
final class NameCodec {
  private static final char[] B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final char[] B32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final byte[] B64_INV = inverse(B64, false);
  private static final byte[] B32_INV = inverse(B32, true);

  private NameCodec() {}

  private static byte[] inverse(char[] alphabet, boolean foldCase) {
    byte[] inv = new byte[128];
    java.util.Arrays.fill(inv, (byte) -1);
    for (int i = 0; i < alphabet.length; i++) {
      inv[alphabet[i]] = (byte) i;
      if (foldCase) {
        inv[Character.toUpperCase(alphabet[i])] = (byte) i;
      }
    }
    return inv;
  }

  /**
   * The most bytes whose encoding fits in {@code chars} characters. Each chunk is decoded on its
   * own, so a chunk may end in a partial group and use every character of its name.
   */
  static int bytesFitting(ElsEncoding e, int chars) {
    return chars <= 0 ? 0 : (int) ((long) chars * (e == ElsEncoding.BASE64URL ? 6 : 5) / 8);
  }

  /** The smallest number of characters a non-empty chunk needs. */
  static int minChunkChars(ElsEncoding e) {
    return 2;
  }

  /** How many bytes {@code chars} characters decode to, or -1 if no encoding has that length. */
  static int decodedLength(ElsEncoding e, int chars) {
    if (e == ElsEncoding.BASE64URL) {
      int r = chars % 4;
      return r == 1 ? -1 : chars / 4 * 3 + (r == 0 ? 0 : r - 1);
    }
    int r = chars % 8;
    int[] tail = {0, -1, 1, -1, 2, 3, -1, 4};
    return tail[r] < 0 ? -1 : chars / 8 * 5 + tail[r];
  }

  static String encode(ElsEncoding e, byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 8 / 5 + 8);
    int bits = e == ElsEncoding.BASE64URL ? 6 : 5;
    char[] alphabet = e == ElsEncoding.BASE64URL ? B64 : B32;
    int mask = (1 << bits) - 1;
    int acc = 0;
    int nacc = 0;
    for (int i = off; i < off + len; i++) {
      acc = (acc << 8) | (b[i] & 0xFF);
      nacc += 8;
      while (nacc >= bits) {
        nacc -= bits;
        sb.append(alphabet[(acc >>> nacc) & mask]);
      }
      acc &= (1 << nacc) - 1;
    }
    if (nacc > 0) {
      sb.append(alphabet[(acc << (bits - nacc)) & mask]);
    }
    return sb.toString();
  }

  /**
   * Decodes {@code s[from..]} into {@code dst} at {@code dstOff}; the caller has sized the
   * destination with {@link #decodedLength}. Returns false if the text is not a canonical encoding.
   */
  static boolean decode(ElsEncoding e, String s, int from, byte[] dst, int dstOff) {
    int bits = e == ElsEncoding.BASE64URL ? 6 : 5;
    byte[] inv = e == ElsEncoding.BASE64URL ? B64_INV : B32_INV;
    int acc = 0;
    int nacc = 0;
    int o = dstOff;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      int v = c < 128 ? inv[c] : -1;
      if (v < 0) {
        return false;
      }
      acc = (acc << bits) | v;
      nacc += bits;
      if (nacc >= 8) {
        nacc -= 8;
        dst[o++] = (byte) (acc >>> nacc);
        acc &= (1 << nacc) - 1;
      }
    }
    return acc == 0;
  }
}
