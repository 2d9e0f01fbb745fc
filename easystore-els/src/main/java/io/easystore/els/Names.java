package io.easystore.els;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The name grammar (see docs/ELS.md). All names are ASCII, never start with '.', never end with
 * '.' or a space, and start with a tag that is unique in its directory:
 *
 * <pre>
 * store marker  els.VERSION.ENC                      e.g. els.1.b64
 * chunk         d.GEN.SEG.IDX.PAYLOAD                PAYLOAD: 1+ encoded characters
 * commit marker c.GEN.SEG.COUNT.LENGTH.CRC           CRC: CRC-32C, 8 hex digits
 * value dir     v.HASH                               HASH: 32 base32 characters
 * bucket dir    b.HASH
 * </pre>
 *
 * Numbers are canonical decimal (no sign, no leading zero). Names that start with none of these
 * tags are not ELS names and are ignored (file managers add {@code .DS_Store}, {@code Thumbs.db}
 * ...); names that start with a tag but do not parse are corruption. Stateless and thread-safe.
 */
final class Names {
  static final int HASH_CHARS = 32;
  static final int HASH_BYTES = 20;

  private Names() {}

  sealed interface Parsed permits Chunk, Marker, Child, StoreMarker {}

  /** One chunk of segment {@code seg} of generation {@code gen}; the payload starts at {@code payloadAt}. */
  record Chunk(String name, long gen, int seg, int idx, int payloadAt) implements Parsed {}

  record Marker(String name, long gen, int seg, int count, long length, int crc) implements Parsed {}

  record Child(String name, boolean bucket, String hash) implements Parsed {}

  record StoreMarker(String name, long version, String encoding) implements Parsed {}

  static String chunkPrefix(long gen, int seg, int idx) {
    return "d." + gen + "." + seg + "." + idx + ".";
  }

  static String marker(long gen, int seg, int count, long length, int crc) {
    return "c." + gen + "." + seg + "." + count + "." + length + "." + String.format(Locale.ROOT, "%08x", crc);
  }

  static String storeMarker(int version, ElsEncoding e) {
    return "els." + version + "." + e.tag();
  }

  static String childDir(boolean bucket, String key) {
    return (bucket ? "b." : "v.") + hash(key);
  }

  /** Fixed-length, case-insensitive-safe spelling of a key: 160 bits of SHA-256 in base32. */
  static String hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return NameCodec.encode(ElsEncoding.BASE32, d, 0, HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Whether the name claims to be an ELS name (and must then parse). */
  static boolean isTagged(String folded) {
    return folded.startsWith("d.") || folded.startsWith("c.") || folded.startsWith("v.")
        || folded.startsWith("b.") || folded.startsWith("els.");
  }

  /**
   * Parses a listed name. Returns null for names that are not ELS names, throws
   * {@link IllegalArgumentException} with the reason for tagged names that do not parse.
   *
   * @param foldCase accept upper-case spellings (base32 stores, and always for the store marker)
   */
  static Parsed parse(String name, boolean foldCase) {
    String lower = name.toLowerCase(Locale.ROOT);
    String s = foldCase || lower.startsWith("els.") ? lower : name;
    if (!isTagged(s)) {
      return null;
    }
    String[] f = s.split("\\.", -1);
    switch (f[0]) {
      case "d": {
        need(f, 5);
        int payloadAt = f[0].length() + f[1].length() + f[2].length() + f[3].length() + 4;
        if (f[4].isEmpty()) {
          throw new IllegalArgumentException("chunk without payload");
        }
        return new Chunk(name, num(f[1], 1), inum(f[2]), inum(f[3]),
            payloadAt);
      }
      case "c": {
        need(f, 6);
        if (f[5].length() != 8 || !f[5].matches("[0-9a-fA-F]{8}")) {
          throw new IllegalArgumentException("commit marker checksum is not 8 hex digits");
        }
        return new Marker(name, num(f[1], 1), inum(f[2]), inum(f[3]),
            num(f[4], 0), Integer.parseUnsignedInt(f[5], 16));
      }
      case "v":
      case "b": {
        need(f, 2);
        if (f[1].length() != HASH_CHARS || !f[1].matches("[a-z2-7]+")) {
          throw new IllegalArgumentException("directory hash is not " + HASH_CHARS + " base32 characters");
        }
        return new Child(name, f[0].equals("b"), f[1]);
      }
      default: {
        need(f, 3);
        return new StoreMarker(name, num(f[1], 0), f[2]);
      }
    }
  }

  private static int inum(String s) {
    long v = num(s, 0);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("number " + v + " too large");
    }
    return (int) v;
  }

  private static void need(String[] f, int n) {
    if (f.length != n) {
      throw new IllegalArgumentException("expected " + n + " dot-separated fields, found " + f.length);
    }
  }

  /** Canonical decimal, at most 18 digits so it fits a long. */
  private static long num(String s, long min) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
        || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new IllegalArgumentException("'" + s + "' is not a canonical decimal number");
    }
    long v = Long.parseLong(s);
    if (v < min) {
      throw new IllegalArgumentException("number " + v + " below " + min);
    }
    return v;
  }
}
