package io.easystore.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * How index keys become bytes. Encodings sort, as unsigned bytes, in the keys' natural order:
 * strings by code point (UTF-8), longs numerically (big-endian with the sign bit flipped), UUIDs
 * by their two longs as unsigned numbers.
 */
public enum KeyType {
  STRING, LONG, UUID;

  /** Longest encoded key accepted: 1 KiB. */
  public static final int MAX_KEY = 1024;

  /** The lower-case name stored in index metadata. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored label. */
  public static KeyType fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** Encodes a key given as text ({@code "42"}, a UUID string or any string). */
  public byte[] parse(String text) {
    switch (this) {
      case LONG:
        try {
          return encode(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a whole number (the index has long keys)");
        }
      case UUID:
        try {
          return encode(java.util.UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + text + "' is not a UUID (the index has uuid keys)");
        }
      default:
        return encode(text);
    }
  }

  /** Encodes a string key. */
  public static byte[] encode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_KEY) {
      throw new IllegalArgumentException("index keys are at most " + MAX_KEY + " bytes, got " + b.length);
    }
    return b;
  }

  /** Encodes a long key. */
  public static byte[] encode(long v) {
    return ByteBuffer.allocate(8).putLong(v ^ Long.MIN_VALUE).array();
  }

  /** Encodes a UUID key. */
  public static byte[] encode(java.util.UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
  }

  /** Renders an encoded key as text, for listings. */
  public String format(byte[] key) {
    switch (this) {
      case LONG:
        return key.length == 8 ? Long.toString(ByteBuffer.wrap(key).getLong() ^ Long.MIN_VALUE) : "?";
      case UUID:
        if (key.length != 16) {
          return "?";
        }
        ByteBuffer b = ByteBuffer.wrap(key);
        return new java.util.UUID(b.getLong(), b.getLong()).toString();
      default:
        return new String(key, StandardCharsets.UTF_8);
    }
  }
}
