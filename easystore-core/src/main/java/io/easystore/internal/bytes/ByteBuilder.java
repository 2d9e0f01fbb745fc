package io.easystore.internal.bytes;

import java.util.Arrays;

/**
 * A growable byte array with little-endian and LEB128 writers: the encoding side of
 * {@link ByteCursor}. Mutable and not thread-safe; {@link #array()} exposes the internal array,
 * valid until the next write.
 */
public final class ByteBuilder {
  private byte[] buf;
  private int size;

  public ByteBuilder(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public int size() {
    return size;
  }

  public byte[] array() {
    return buf;
  }

  public void clear() {
    size = 0;
  }

  /** Truncates to {@code n} bytes. */
  public void size(int n) {
    if (n < 0 || n > size) {
      throw new IllegalArgumentException("size " + n + " outside [0, " + size + "]");
    }
    size = n;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      long want = Math.max((long) buf.length * 2, (long) size + more);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("block above 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  public ByteBuilder u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteBuilder le16(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  public ByteBuilder le32(int v) {
    ensure(4);
    putLe32(buf, size, v);
    size += 4;
    return this;
  }

  public ByteBuilder le64(long v) {
    ensure(8);
    putLe64(buf, size, v);
    size += 8;
    return this;
  }

  public ByteBuilder bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  public ByteBuilder bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public ByteBuilder zeros(int n) {
    ensure(n);
    Arrays.fill(buf, size, size + n, (byte) 0);
    size += n;
    return this;
  }

  public ByteBuilder varLong(long v) {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  public ByteBuilder zigzag(long v) {
    return varLong((v << 1) ^ (v >> 63));
  }

  public static void putLe32(byte[] b, int p, int v) {
    ByteCursor.LE32.set(b, p, v);
  }

  public static void putLe16(byte[] b, int p, int v) {
    ByteCursor.LE16.set(b, p, (short) v);
  }

  public static void putLe64(byte[] b, int p, long v) {
    ByteCursor.LE64.set(b, p, v);
  }

  /** Writes the varint of {@code v} at {@code b[p]}; returns the position after it. */
  public static int putVarLong(byte[] b, int p, long v) {
    while ((v & ~0x7fL) != 0) {
      b[p++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  /** Bytes a varint of {@code v} takes. */
  public static int varLongSize(long v) {
    int n = 1;
    while ((v & ~0x7fL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  public static int zigzagSize(long v) {
    return varLongSize((v << 1) ^ (v >> 63));
  }
}
