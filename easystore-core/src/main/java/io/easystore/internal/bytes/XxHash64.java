package io.easystore.internal.bytes;

import java.util.zip.Checksum;

/**
 * xxHash64 (seed 0) as a streaming {@link Checksum}, following the reference specification
 * (github.com/Cyan4973/xxHash, doc/xxhash_spec.md). Mutable and not thread-safe.
 */
public final class XxHash64 implements Checksum {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private final byte[] pending = new byte[32];
  private int pendingLen;
  private long total;
  private long v1;
  private long v2;
  private long v3;
  private long v4;

  public XxHash64() {
    reset();
  }

  // The specification's seeds wrap around 2^64 on purpose (P1 + P2, -P1).
  @SuppressWarnings("ConstantOverflow")
  @Override
  public void reset() {
    v1 = P1 + P2;
    v2 = P2;
    v3 = 0;
    v4 = -P1;
    total = 0;
    pendingLen = 0;
  }

  @Override
  public void update(int b) {
    update(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    total += len;
    if (pendingLen > 0) {
      int n = Math.min(len, 32 - pendingLen);
      System.arraycopy(b, off, pending, pendingLen, n);
      pendingLen += n;
      off += n;
      len -= n;
      if (pendingLen < 32) {
        return;
      }
      stripe(pending, 0);
      pendingLen = 0;
    }
    while (len >= 32) {
      stripe(b, off);
      off += 32;
      len -= 32;
    }
    System.arraycopy(b, off, pending, 0, len);
    pendingLen = len;
  }

  private void stripe(byte[] b, int p) {
    v1 = round(v1, ByteCursor.getLe64(b, p));
    v2 = round(v2, ByteCursor.getLe64(b, p + 8));
    v3 = round(v3, ByteCursor.getLe64(b, p + 16));
    v4 = round(v4, ByteCursor.getLe64(b, p + 24));
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long val) {
    acc ^= round(0, val);
    return acc * P1 + P4;
  }

  @Override
  public long getValue() {
    long h;
    if (total >= 32) {
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += total;
    int p = 0;
    while (pendingLen - p >= 8) {
      h ^= round(0, ByteCursor.getLe64(pending, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (pendingLen - p >= 4) {
      h ^= (ByteCursor.getLe32(pending, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < pendingLen) {
      h ^= (pending[p] & 0xff) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
