package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import java.util.Arrays;

/**
 * A validated view of one DES v2 index node (an aligned page or the root node) held in a byte
 * array: header checked, CRC checked, restart array checked. Entries are decoded lazily by a
 * {@link NodeCursor}, which checks each field as it goes.
 *
 * <p>Immutable and thread-safe as long as nobody changes the array, which the node owns.
 */
public final class Node {
  private final String container;
  private final long fileOffset;
  private final byte[] buf;
  private final int base;
  private final int level;
  private final int interval;
  private final int count;
  private final int length;
  private final int restarts;
  private final long owner;
  private final int ownerIndex;
  private final byte[] lower;
  private final byte[] upper;

  private Node(String container, long fileOffset, byte[] buf, int base, int level, int interval, int count,
      int length, int restarts, long owner, int ownerIndex, byte[] lower, byte[] upper) {
    this.lower = lower;
    this.upper = upper;
    this.owner = owner;
    this.ownerIndex = ownerIndex;
    this.container = container;
    this.fileOffset = fileOffset;
    this.buf = buf;
    this.base = base;
    this.level = level;
    this.interval = interval;
    this.count = count;
    this.length = length;
    this.restarts = restarts;
  }

  /**
   * Validates the node at {@code buf[base..base+available)}.
   *
   * @param fileOffset the node's offset in the container, for messages
   * @param expectedLevel the level the parent implies, or -1 when unknown
   */
  public static Node parse(String container, long fileOffset, byte[] buf, int base, int available,
      int expectedLevel) throws CorruptContainerException {
    ByteCursor c = new ByteCursor(container, fileOffset - base, buf, base, base + available);
    if (available < PageFormat.HEADER_SIZE) {
      throw c.corrupt("index node of " + available + " bytes is shorter than its header");
    }
    int kind = c.u8("node kind");
    int version = c.u8("node version");
    int level = c.u8("node level");
    int interval = c.u8("restart interval");
    int count = c.le32("entry count");
    int length = c.le32("node length");
    int crc = c.le32("node crc");
    if (kind != PageFormat.KIND_LEAF && kind != PageFormat.KIND_INNER) {
      throw c.corruptAt(base, "not an index node (kind byte 0x" + Integer.toHexString(kind) + ")");
    }
    if (version != PageFormat.VERSION) {
      throw c.corruptAt(base + 1, "index node version " + version + " (this library reads version "
          + PageFormat.VERSION + ")");
    }
    if ((kind == PageFormat.KIND_LEAF) != (level == 0) || level >= V2Footer.MAX_HEIGHT
        || (expectedLevel >= 0 && level != expectedLevel)) {
      throw c.corruptAt(base + 2, "node kind '" + (char) kind + "' at level " + level
          + (expectedLevel >= 0 ? " where level " + expectedLevel + " was expected" : ""));
    }
    if (interval == 0) {
      throw c.corruptAt(base + 3, "restart interval 0");
    }
    if (length < PageFormat.HEADER_SIZE || length > available || length > PageFormat.MAX_NODE_BYTES) {
      throw c.corruptAt(base + 8, "node length " + Integer.toUnsignedString(length) + " outside ["
          + PageFormat.HEADER_SIZE + ", " + Math.min(available, PageFormat.MAX_NODE_BYTES) + "]");
    }
    int actual = Checksums.crc32c(buf, base, 12, buf, base + 16, length - 16);
    if (actual != crc) {
      throw c.corruptAt(base + 12, String.format("index node checksum mismatch (stored %08x, computed %08x)",
          crc, actual));
    }
    if (count < 0 || count > (length - PageFormat.HEADER_SIZE) / 3 || (level > 0 && count == 0)) {
      throw c.corruptAt(base + 4, "entry count " + Integer.toUnsignedString(count) + " cannot fit in "
          + length + " bytes");
    }
    if (count == 0 && length != PageFormat.HEADER_SIZE) {
      throw c.corruptAt(base + 4, "empty node of " + length + " bytes (an empty node is its 16-byte header)");
    }
    int restarts = (int) ((count + (long) interval - 1) / interval);
    int first = PageFormat.HEADER_SIZE + 4 * restarts;
    if (first > length || (count > 0 && first == length)) {
      throw c.corruptAt(base + 16, "restart array of " + restarts + " offsets runs past the node");
    }
    int prev = -1;
    for (int i = 0; i < restarts; i++) {
      int r = ByteCursor.getLe32(buf, base + 16 + 4 * i);
      boolean ok = i == 0 ? r == first : r > prev && r < length;
      if (!ok) {
        throw c.corruptAt(base + 16 + 4 * i, "restart offset " + Integer.toUnsignedString(r) + " out of order or "
            + "outside the node");
      }
      prev = r;
    }
    return new Node(container, fileOffset, buf, base, level, interval, count, length, restarts, -1, -1, null, null);
  }

  /**
   * This node as the child {@code index} of the node at {@code parentOffset}: a page of a tree has
   * one parent, so a cached page reached through another parent (or another slot) is corrupt,
   * and that is an O(1) check on every cache hit instead of re-checking the keys' range
   * {@code [lower, upper)} (null: unbounded), which was checked once when the page was loaded.
   */
  public Node ownedBy(long parentOffset, int index, byte[] lower, byte[] upper) {
    return new Node(container, fileOffset, buf, base, level, interval, count, length, restarts, parentOffset, index,
        lower, upper);
  }

  /** The lower bound (inclusive) its keys were validated against; null: unbounded. Do not modify. */
  public byte[] lower() {
    return lower;
  }

  /** The upper bound (exclusive) its keys were validated against; null: unbounded. Do not modify. */
  public byte[] upper() {
    return upper;
  }

  /** File offset of the parent this page was validated under, or -1 (root, or not yet bound). */
  public long owner() {
    return owner;
  }

  /** The parent's child slot this page was validated for, or -1. */
  public int ownerIndex() {
    return ownerIndex;
  }

  public boolean isLeaf() {
    return level == 0;
  }

  public int level() {
    return level;
  }

  public int count() {
    return count;
  }

  public int length() {
    return length;
  }

  public int interval() {
    return interval;
  }

  public int restarts() {
    return restarts;
  }

  public long fileOffset() {
    return fileOffset;
  }

  public String container() {
    return container;
  }

  byte[] buf() {
    return buf;
  }

  int base() {
    return base;
  }

  /** Offset in the array of restart entry {@code i}. */
  int restartAt(int i) {
    return base + ByteCursor.getLe32(buf, base + 16 + 4 * i);
  }

  /**
   * The last restart group whose first key is at most {@code target}, or -1 when the node's
   * first key is already greater.
   */
  int searchRestarts(byte[] target, int tlen) throws CorruptContainerException {
    int lo = 0;
    int hi = restarts - 1;
    int ans = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int p = restartAt(mid);
      int end = base + length;
      // A restart entry stores shared = 0 (one byte) and its whole key.
      if (p >= end || buf[p] != 0) {
        throw new CorruptContainerException(container, fileOffset + (p - base), null,
            "restart entry does not start a full key");
      }
      int q = p + 1;
      long len = 0;
      int shift = 0;
      while (true) {
        if (q >= end || shift > 21) {
          throw new CorruptContainerException(container, fileOffset + (p - base), null, "bad key length varint");
        }
        byte b = buf[q++];
        len |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          break;
        }
        shift += 7;
      }
      if (len > end - q) {
        throw new CorruptContainerException(container, fileOffset + (p - base), null, "key runs past the node");
      }
      int cmp = Arrays.compareUnsigned(buf, q, q + (int) len, target, 0, tlen);
      if (cmp <= 0) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }
}
