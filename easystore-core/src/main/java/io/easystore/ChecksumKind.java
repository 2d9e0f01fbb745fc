package io.easystore;

import java.util.Locale;

/**
 * How a DES v2 container checksums the original bytes of each entry. The numbers are stored in the
 * footer and never change meaning.
 */
public enum ChecksumKind {
  /** CRC-32C (Castagnoli), 4 bytes per entry; hardware-accelerated in the JDK. The default. */
  CRC32C(1, 4),
  /** xxHash64 with seed 0, 8 bytes per entry; for callers who want 64 bits. */
  XXHASH64(2, 8);

  private final int id;
  private final int size;

  ChecksumKind(int id, int size) {
    this.id = id;
    this.size = size;
  }

  /** The number stored in the footer. */
  public int id() {
    return id;
  }

  /** Bytes one checksum takes in an index entry. */
  public int size() {
    return size;
  }

  /** The kind with this stored number, or null when the number is unknown. */
  public static ChecksumKind fromId(int id) {
    for (ChecksumKind k : values()) {
      if (k.id == id) {
        return k;
      }
    }
    return null;
  }

  /** Parses {@code crc32c} or {@code xxhash64} (case-insensitive). */
  public static ChecksumKind fromLabel(String label) {
    String l = label.toLowerCase(Locale.ROOT).replace("-", "");
    for (ChecksumKind k : values()) {
      if (k.name().toLowerCase(Locale.ROOT).equals(l)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown checksum '" + label + "' (use crc32c or xxhash64)");
  }
}
