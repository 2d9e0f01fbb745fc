package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.common.EntryFields;

/**
 * Point lookups in nodes that {@link NodeCursor#validate} has already checked entry by entry:
 * no bounds, ordering or field checks are repeated, and keys are compared without being rebuilt.
 *
 * <p>The scan of a restart group keeps {@code m}, the length of the common prefix of the current
 * key and the target, with the current key below the target. For the next entry, which shares
 * {@code s} bytes with the current key: if {@code s < m} it is above the target (its byte at
 * {@code s} exceeds the current key's, which equals the target's); if {@code s > m} it is still
 * below (it keeps the current key's smaller byte at {@code m}); only when {@code s == m} are its
 * suffix bytes compared. Stateless and thread-safe; only use it on validated nodes.
 */
public final class TrustedSearch {
  private TrustedSearch() {}

  /**
   * Inner node: the child whose separator is the last one at most {@code target}. Writes its page
   * number to {@code out[0]}, its span to {@code out[1]} and its index in the node to {@code out[2]}.
   */
  public static void floorChild(Node n, byte[] target, long[] out) {
    byte[] b = n.buf();
    int tlen = target.length;
    int g = Math.max(0, restartFloor(n, target));
    int interval = n.interval();
    int first = g * interval;
    int last = Math.min(n.count(), first + interval);
    long[] v = {0};
    // Restart entry: shared = 0 (one byte), then its whole key.
    int p = varint(b, n.restartAt(g) + 1, v);
    int klen = (int) v[0];
    int m = mismatch(b, p, klen, target, 0, tlen);
    p += klen;
    p = varint(b, p, v);
    int span = (int) v[0];
    p = varint(b, p, v);
    long start = v[0];
    long bestStart = start;
    int bestSpan = span;
    int bestIndex = first;
    if (m == klen && klen == tlen) {
      out[0] = bestStart;
      out[1] = bestSpan;
      out[2] = bestIndex;
      return;
    }
    for (int i = first + 1; i < last; i++) {
      p = varint(b, p, v);
      int s = (int) v[0];
      p = varint(b, p, v);
      int suffix = (int) v[0];
      int sufStart = p;
      p += suffix;
      long nextStart = start + span;
      p = varint(b, p, v);
      span = (int) v[0];
      start = nextStart;
      if (s < m) {
        break;
      }
      if (s == m) {
        int q = mismatch(b, sufStart, suffix, target, m, tlen - m);
        if (q < suffix && (m + q >= tlen || (b[sufStart + q] & 0xff) > (target[m + q] & 0xff))) {
          break;
        }
        m += q;
        if (q == suffix && m == tlen) {
          bestStart = start;
          bestSpan = span;
          bestIndex = i;
          break;
        }
      }
      bestStart = start;
      bestSpan = span;
      bestIndex = i;
    }
    out[0] = bestStart;
    out[1] = bestSpan;
    out[2] = bestIndex;
  }

  /**
   * Leaf: finds the entry whose key is {@code target} and decodes it into {@code out}; false when
   * there is none.
   */
  public static boolean find(Node n, byte[] target, EntryFields out, V2Footer footer, int dictionaries)
      throws CorruptContainerException {
    if (n.count() == 0) {
      return false;
    }
    byte[] b = n.buf();
    int tlen = target.length;
    int g = restartFloor(n, target);
    if (g < 0) {
      return false;
    }
    int interval = n.interval();
    int first = g * interval;
    int last = Math.min(n.count(), first + interval);
    int p = n.restartAt(g);
    long[] v = {0};
    long base = 0;
    int m = 0;
    boolean firstEntry = true;
    for (int i = first; i < last; i++) {
      p = varint(b, p, v);
      int s = (int) v[0];
      p = varint(b, p, v);
      int suffix = (int) v[0];
      int sufStart = p;
      p += suffix;
      boolean equal = false;
      if (firstEntry) {
        m = mismatch(b, sufStart, suffix, target, 0, tlen);
        if (m < suffix && (m >= tlen || (b[sufStart + m] & 0xff) > (target[m] & 0xff))) {
          return false;
        }
        equal = m == suffix && suffix == tlen;
        if (m == suffix && suffix < tlen) {
          m = suffix;
        }
        firstEntry = false;
      } else if (s < m) {
        return false;
      } else if (s == m) {
        int q = mismatch(b, sufStart, suffix, target, m, tlen - m);
        if (q < suffix && (m + q >= tlen || (b[sufStart + q] & 0xff) > (target[m + q] & 0xff))) {
          return false;
        }
        m += q;
        equal = q == suffix && m == tlen;
      }
      if (equal) {
        out.setKey(target, tlen);
        ByteCursor c = new ByteCursor(n.container(), n.fileOffset() - n.base(), b, p, n.base() + n.length());
        LeafCodec.decode(c, out, base, footer, dictionaries);
        return true;
      }
      v[0] = base;
      p = skipLeafFields(b, p, v, footer.checksumKind().size());
      base = v[0];
    }
    return false;
  }

  /**
   * Skips a leaf entry's fields. {@code v[0]} holds the offset base on entry and the base for
   * the next entry (this entry's body end, or the same base for a directory) on return.
   */
  private static int skipLeafFields(byte[] b, int p, long[] v, int checksumSize) {
    long end = v[0];
    p = varint(b, p, v);
    int flags = (int) v[0];
    if ((flags & IndexEntry.DIRECTORY) == 0) {
      // The caller tracks the base: rebuild it from delta and length.
      p = varint(b, p, v);
      long zig = v[0];
      long delta = (zig >>> 1) ^ -(zig & 1);
      p = varint(b, p, v);
      long stored = v[0];
      end = end + delta + stored;
      if ((flags & (IndexEntry.COMPRESSED | IndexEntry.ENCRYPTED)) != 0) {
        p = skipVarint(b, p);
        p++;
        p = skipVarint(b, p);
      }
      p += checksumSize;
    }
    if ((flags & PageFormat.F_MTIME) != 0) {
      p = skipVarint(b, p);
    }
    if ((flags & PageFormat.F_MODE) != 0) {
      p = skipVarint(b, p);
    }
    if ((flags & PageFormat.F_META) != 0) {
      p = skipVarint(b, skipVarint(b, p));
    }
    v[0] = end;
    return p;
  }

  private static int restartFloor(Node n, byte[] target) {
    byte[] b = n.buf();
    int lo = 0;
    int hi = n.restarts() - 1;
    int ans = -1;
    long[] v = {0};
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int p = varint(b, n.restartAt(mid) + 1, v);
      int len = (int) v[0];
      if (java.util.Arrays.compareUnsigned(b, p, p + len, target, 0, target.length) <= 0) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }

  private static int mismatch(byte[] a, int aFrom, int aLen, byte[] t, int tFrom, int tLen) {
    int n = Math.min(aLen, tLen);
    int m = java.util.Arrays.mismatch(a, aFrom, aFrom + n, t, tFrom, tFrom + n);
    return m < 0 ? n : m;
  }

  private static int varint(byte[] b, int p, long[] out) {
    byte x = b[p++];
    if (x >= 0) {
      out[0] = x;
      return p;
    }
    long r = x & 0x7f;
    int shift = 7;
    while (true) {
      x = b[p++];
      r |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        out[0] = r;
        return p;
      }
      shift += 7;
    }
  }

  private static int skipVarint(byte[] b, int p) {
    while (b[p++] < 0) {
      // continuation bytes
    }
    return p;
  }
}
