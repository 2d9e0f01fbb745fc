package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import java.util.zip.CRC32C;

/**
 * The CRC of a DES v2 metadata record, bound to its entry. A record is {@code JSON | crc u32};
 * record format 2 (every writer since issue #13) computes the CRC-32C over
 * {@code u32 key_length | key | JSON}, where key is the entry's index key ({@code parent NUL
 * basename}), so that a record read for one entry cannot pass as another's (a shifted meta region,
 * an offset that lands on a neighbour's record of the same length). Format 1 (earlier writers):
 * the CRC of the JSON alone; readers still accept it, and tell the two apart by the CRC itself:
 * a record of a format-2 writer matches format 1 only by a 2^-32 accident. Stateless, thread-safe.
 */
public final class MetaRecord {
  private MetaRecord() {}

  /** The format-2 CRC of {@code json[off, off+len)} for the entry with this key. */
  public static int boundCrc(byte[] key, int keyLength, byte[] json, int off, int len) {
    CRC32C c = new CRC32C();
    byte[] n = {(byte) keyLength, (byte) (keyLength >>> 8), (byte) (keyLength >>> 16), (byte) (keyLength >>> 24)};
    c.update(n, 0, 4);
    c.update(key, 0, keyLength);
    c.update(json, off, len);
    return (int) c.getValue();
  }

  /**
   * Checks the record {@code b[0, len)} followed by its CRC at {@code b[len, len+4)} against the
   * entry's key: format 2, or format 1 for containers written before records were bound.
   *
   * @param key the entry's index key, or null when it is not known (then only format 1 passes)
   */
  public static void check(byte[] b, int len, byte[] key, String container, long offset, String entry)
      throws CorruptContainerException {
    int stored = ByteCursor.getLe32(b, len);
    if (key != null && boundCrc(key, key.length, b, 0, len) == stored) {
      return;
    }
    if (Checksums.crc32c(b, 0, len, b, 0, 0) == stored) {
      return;
    }
    throw new CorruptContainerException(container, offset, entry,
        "metadata checksum mismatch (the record is damaged or belongs to another entry)");
  }

  /** The index key of a v2 path, for {@link #check}; null when the name is not a valid path. */
  public static byte[] keyOf(String path) {
    return V2Paths.lookupKey(path);
  }
}
