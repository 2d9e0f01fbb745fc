package io.easystore.internal.bytes;

import io.easystore.ChecksumKind;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** Checksum helpers for DES v2. Stateless and thread-safe; returned checksums are not. */
public final class Checksums {
  private Checksums() {}

  /** A fresh streaming checksum of the given kind. */
  public static Checksum create(ChecksumKind kind) {
    return kind == ChecksumKind.XXHASH64 ? new XxHash64() : new CRC32C();
  }

  /** The checksum of {@code len} bytes of {@code b}. */
  public static long of(ChecksumKind kind, byte[] b, int off, int len) {
    Checksum c = create(kind);
    c.update(b, off, len);
    return c.getValue();
  }

  /** CRC-32C of two byte ranges, as one sequence (used for page headers and the footer). */
  public static int crc32c(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    CRC32C c = new CRC32C();
    c.update(a, aOff, aLen);
    c.update(b, bOff, bLen);
    return (int) c.getValue();
  }

  /** The checksum as printed in messages: fixed-width hex. */
  public static String hex(ChecksumKind kind, long v) {
    return kind == ChecksumKind.XXHASH64 ? String.format("%016x", v) : String.format("%08x", v & 0xFFFFFFFFL);
  }
}
