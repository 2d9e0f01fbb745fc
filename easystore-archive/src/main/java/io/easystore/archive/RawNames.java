package io.easystore.archive;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes entry names from their bytes. Container paths are UTF-8; a name whose bytes are not
 * UTF-8 is never replaced silently (two different names would collide on {@code ?}): every byte
 * that is not part of a valid UTF-8 sequence is written {@code %XX} (upper-case hex) and the
 * import says so. The escape is deterministic, so the same archive always imports the same
 * names. Stateless.
 */
final class RawNames {
  /** A decoded name, and the message to show when it had to be escaped (else null). */
  record Decoded(String name, String note) {}

  private RawNames() {}

  /** Decodes UTF-8 bytes, escaping invalid ones as {@code %XX}. */
  static Decoded utf8(byte[] raw) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return new Decoded(strict.decode(ByteBuffer.wrap(raw)).toString(), null);
    } catch (CharacterCodingException e) {
      String escaped = escape(raw);
      return new Decoded(escaped, "has a name that is not valid UTF-8; imported as '" + escaped
          + "' (each invalid byte written %XX)");
    }
  }

  private static String escape(byte[] raw) {
    StringBuilder out = new StringBuilder(raw.length + 8);
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CharBuffer chars = CharBuffer.allocate(raw.length + 1);
    while (in.hasRemaining()) {
      var result = d.decode(in, chars, true);
      chars.flip();
      out.append(chars);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          out.append('%').append(String.format("%02X", in.get() & 0xFF));
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    return out.toString();
  }

  /** The bytes of a name that commons-compress decoded as ISO-8859-1. */
  static byte[] latin1(String name) {
    return name == null ? null : name.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The raw value of {@code key} in PAX extended header data ({@code "<len> <key>=<value>\n"}
   * records), or null when absent or the data is malformed (commons-compress has parsed it
   * already and would have failed).
   */
  static byte[] paxValue(byte[] pax, String key) {
    byte[] k = (key + "=").getBytes(StandardCharsets.US_ASCII);
    byte[] found = null;
    int i = 0;
    while (i < pax.length) {
      int sp = i;
      long len = 0;
      while (sp < pax.length && pax[sp] >= '0' && pax[sp] <= '9' && len < pax.length) {
        len = len * 10 + (pax[sp++] - '0');
      }
      if (sp >= pax.length || pax[sp] != ' ' || len <= sp - i || i + len > pax.length) {
        return found;
      }
      int start = sp + 1;
      int end = (int) (i + len) - 1;
      if (end - start >= k.length && java.util.Arrays.equals(pax, start, start + k.length, k, 0, k.length)) {
        found = java.util.Arrays.copyOfRange(pax, start + k.length, end);
      }
      i += (int) len;
    }
    return found;
  }
}
