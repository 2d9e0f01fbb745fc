package io.easystore.internal.bytes;

import io.easystore.CorruptContainerException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads little-endian integers and LEB128 varints from a byte array within {@code [pos, end)},
 * checking every step against the end, and reports problems as {@link CorruptContainerException}
 * with the file offset of the byte concerned. Varints must be canonical (no trailing zero groups)
 * and at most 10 bytes; values are unsigned 64-bit unless a method says otherwise.
 *
 * <p>Mutable and not thread-safe: one cursor per parse. It reads the caller's array in place and
 * never keeps it beyond its own lifetime.
 */
public final class ByteCursor {
  // One bounds-checked load instead of a shift chain, as Lucene's BitUtil.VH_LE_INT does.
  static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String container;
  private final long fileOffset;
  private final byte[] buf;
  private int pos;
  private int end;
  private String entry;
  private byte[] entryKey;
  private int entryKeyLength;

  /**
   * @param fileOffset offset in the container of {@code buf[0]}, for messages
   */
  public ByteCursor(String container, long fileOffset, byte[] buf, int pos, int end) {
    this.container = container;
    this.fileOffset = fileOffset;
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  public int pos() {
    return pos;
  }

  public void pos(int p) {
    pos = p;
  }

  public int end() {
    return end;
  }

  public void end(int e) {
    end = e;
  }

  public byte[] array() {
    return buf;
  }

  public int remaining() {
    return end - pos;
  }

  /** Names the entry being decoded in later error messages (null for none). */
  public void entry(String name) {
    entry = name;
  }

  /**
   * Names the entry being decoded by its index key, read in place (no copy, no allocation) and
   * turned into a path only when an error is reported. The caller keeps the array unchanged
   * while decoding that entry.
   */
  public void entryKey(byte[] key, int length) {
    entryKey = key;
    entryKeyLength = length;
  }

  private String entryName() {
    if (entry != null || entryKey == null) {
      return entry;
    }
    byte[] k = java.util.Arrays.copyOf(entryKey, Math.min(entryKeyLength, entryKey.length));
    int from = k.length > 0 && k[0] == 0 ? 1 : 0;
    for (int i = from; i < k.length; i++) {
      if (k[i] == 0) {
        k[i] = '/';
      }
    }
    return new String(k, from, k.length - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The container offset of the cursor's position. */
  public long fileOffset() {
    return fileOffset + pos;
  }

  public CorruptContainerException corrupt(String problem) {
    return new CorruptContainerException(container, fileOffset + pos, entryName(), problem);
  }

  public CorruptContainerException corruptAt(int p, String problem) {
    return new CorruptContainerException(container, fileOffset + p, entryName(), problem);
  }

  public String container() {
    return container;
  }

  private void need(int n, String what) throws CorruptContainerException {
    if (end - pos < n) {
      throw corrupt(what + " runs past the end of its block (" + (end - pos) + " bytes left, " + n + " needed)");
    }
  }

  public int u8(String what) throws CorruptContainerException {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  public int le32(String what) throws CorruptContainerException {
    need(4, what);
    int v = getLe32(buf, pos);
    pos += 4;
    return v;
  }

  public long le64(String what) throws CorruptContainerException {
    need(8, what);
    long v = getLe64(buf, pos);
    pos += 8;
    return v;
  }

  /** Skips {@code n} bytes, which must lie inside the block. */
  public void skip(int n, String what) throws CorruptContainerException {
    if (n < 0) {
      throw corrupt(what + " has negative length " + n);
    }
    need(n, what);
    pos += n;
  }

  /** An unsigned LEB128 varint of up to 64 bits. */
  public long varLong(String what) throws CorruptContainerException {
    if (pos < end) {
      byte b = buf[pos];
      if (b >= 0) {
        pos++;
        return b;
      }
    }
    return slowVarLong(what);
  }

  private long slowVarLong(String what) throws CorruptContainerException {
    int start = pos;
    long result = 0;
    for (int i = 0; i < 10; i++) {
      if (pos >= end) {
        pos = start;
        throw corrupt(what + ": varint runs past the end of its block");
      }
      int b = buf[pos++];
      long group = b & 0x7f;
      if (i == 9 && group > 1) {
        pos = start;
        throw corrupt(what + ": varint overflows 64 bits");
      }
      result |= group << (7 * i);
      if (b >= 0) {
        if (b == 0 && i > 0) {
          pos = start;
          throw corrupt(what + ": non-canonical varint (trailing zero group)");
        }
        return result;
      }
    }
    pos = start;
    throw corrupt(what + ": varint longer than 10 bytes");
  }

  /** A varint that must lie within {@code [0, max]}. */
  public long varLong(String what, long max) throws CorruptContainerException {
    int start = pos;
    long v = varLong(what);
    if (v < 0 || v > max) {
      pos = start;
      throw corrupt(what + " is " + Long.toUnsignedString(v) + ", above the limit of " + max);
    }
    return v;
  }

  /** A varint that must lie within {@code [0, max]}, with {@code max <= Integer.MAX_VALUE}. */
  public int varInt(String what, int max) throws CorruptContainerException {
    return (int) varLong(what, max);
  }

  /** A zigzag-encoded signed varint. */
  public long zigzag(String what) throws CorruptContainerException {
    long v = varLong(what);
    return (v >>> 1) ^ -(v & 1);
  }

  /**
   * Reads a canonical varint of at most {@code maxBytes} (1 to 9) bytes from {@code b[pos, end)}
   * without allocating, for hot loops that keep their own position: the value, or -1 if the varint
   * runs past {@code end}, is longer than {@code maxBytes} or ends with a zero group. Its length is
   * {@link ByteBuilder#varLongSize} of the value, since a canonical varint is the shortest one.
   * The rules are the cursor's; only the bound on the length is the caller's format's.
   */
  public static long varLongAt(byte[] b, int pos, int end, int maxBytes) {
    if (maxBytes < 1 || maxBytes > 9) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " outside [1, 9]");
    }
    long v = 0;
    int limit = Math.min(end, pos + maxBytes);
    for (int i = 0; pos + i < limit; i++) {
      int x = b[pos + i];
      v |= (long) (x & 0x7f) << (7 * i);
      if (x >= 0) {
        return x == 0 && i > 0 ? -1 : v;
      }
    }
    return -1;
  }

  public static int getLe32(byte[] b, int p) {
    return (int) LE32.get(b, p);
  }

  public static long getLe64(byte[] b, int p) {
    return (long) LE64.get(b, p);
  }

  public static int getLe16(byte[] b, int p) {
    return Short.toUnsignedInt((short) LE16.get(b, p));
  }
}
