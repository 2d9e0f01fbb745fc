package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key block of an encrypted DES v2 container (docs/FORMAT.md, "DES v2 encryption"). It sits
 * between the root block and the footer (read at open with the tail) and, as a copy, right after
 * the header:
 *
 * <pre>
 * magic "DESCRYPT" | version u8 = 1 | algorithm u8 = 1 (AES-256-GCM) | flags u8 (bit 0: index protected)
 * | chunk_shift u8 (10..20) | key_id_length u8 (1..64) | key_id ASCII | key_check 8 bytes | crc32c u32
 * </pre>
 *
 * The key check is a public fingerprint of the key ({@link io.easystore.internal.crypto.PageSealer#keyCheck}),
 * so that a wrong key is reported as such. Holds no secrets.
 *
 * @param keyCheck 8 bytes; the array is copied in and out
 */
public record KeyBlock(int algorithm, boolean protectIndex, int chunkShift, String keyId, byte[] keyCheck) {
  public static final byte[] MAGIC = "DESCRYPT".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  public static final int AES_256_GCM = 1;
  public static final int MIN_CHUNK_SHIFT = 10;
  public static final int MAX_CHUNK_SHIFT = 20;
  /** The writer's chunk: 64 KiB. */
  public static final int DEFAULT_CHUNK_SHIFT = 16;
  public static final int MIN_SIZE = 8 + 5 + 1 + 8 + 4;
  public static final int MAX_SIZE = 8 + 5 + 64 + 8 + 4;

  public KeyBlock {
    io.easystore.crypto.KeyProviders.checkKeyId(keyId);
    if (keyCheck.length != 8) {
      throw new IllegalArgumentException("key check must be 8 bytes");
    }
    keyCheck = keyCheck.clone();
  }

  @Override
  public byte[] keyCheck() {
    return keyCheck.clone();
  }

  public int chunkBytes() {
    return 1 << chunkShift;
  }

  public int size() {
    return 8 + 5 + keyId.length() + 8 + 4;
  }

  public byte[] encode() {
    ByteBuilder b = new ByteBuilder(size());
    b.bytes(MAGIC).u8(VERSION).u8(algorithm).u8(protectIndex ? 1 : 0).u8(chunkShift).u8(keyId.length())
        .bytes(keyId.getBytes(StandardCharsets.US_ASCII)).bytes(keyCheck);
    b.le32(Checksums.crc32c(b.array(), 0, b.size(), b.array(), 0, 0));
    return b.toByteArray();
  }

  /** Parses the block at {@code buf[off, off + len)}, which lies at file offset {@code at}. */
  public static KeyBlock parse(String container, long at, byte[] buf, int off, int len)
      throws CorruptContainerException, UnsupportedVersionException {
    ByteCursor c = new ByteCursor(container, at - off, buf, off, off + len);
    if (len < MIN_SIZE || len > MAX_SIZE) {
      throw c.corruptAt(off, "key block of " + len + " bytes outside " + MIN_SIZE + ".." + MAX_SIZE);
    }
    Framing.checkMagic(container, at, buf, off, MAGIC, "bad key block magic");
    Framing.checkChecksum(container, at + len - 4, "key block", ByteCursor.getLe32(buf, off + len - 4),
        Checksums.crc32c(buf, off, len - 4, buf, 0, 0), "");
    c.pos(off + 8);
    Framing.checkVersion(container, at + 8, "DES key block", c.u8("key block version"), Formats.KEY_BLOCK_OLDEST,
        Formats.KEY_BLOCK_NEWEST);
    int algorithm = c.u8("algorithm");
    if (algorithm != AES_256_GCM) {
      throw c.corruptAt(off + 9, "unknown encryption algorithm " + algorithm + " (this library knows 1, AES-256-GCM)");
    }
    int flags = c.u8("encryption flags");
    if ((flags & ~1) != 0) {
      throw c.corruptAt(off + 10, "unknown encryption flags 0x" + Integer.toHexString(flags));
    }
    int shift = c.u8("chunk_shift");
    if (shift < MIN_CHUNK_SHIFT || shift > MAX_CHUNK_SHIFT) {
      throw c.corruptAt(off + 11, "chunk_shift " + shift + " outside " + MIN_CHUNK_SHIFT + ".." + MAX_CHUNK_SHIFT);
    }
    int idLength = c.u8("key id length");
    if (idLength < 1 || idLength > 64 || 8 + 5 + idLength + 8 + 4 != len) {
      throw c.corruptAt(off + 12, "key id length " + idLength + " does not fit a key block of " + len + " bytes");
    }
    String id = new String(buf, off + 13, idLength, StandardCharsets.US_ASCII);
    try {
      io.easystore.crypto.KeyProviders.checkKeyId(id);
    } catch (IllegalArgumentException e) {
      throw c.corruptAt(off + 13, "key id is not 1..64 characters from [A-Za-z0-9._-]");
    }
    byte[] check = Arrays.copyOfRange(buf, off + 13 + idLength, off + 21 + idLength);
    return new KeyBlock(algorithm, (flags & 1) != 0, shift, id, check);
  }
}
