package io.easystore.internal.v2;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.common.EntryFields;
import java.util.Arrays;

/**
 * Builds one DES v2 index node, entry by entry, front-coding keys against the previous key of
 * the same restart group. {@code tryAdd...} refuses an entry that would push a non-empty node
 * past its capacity, so the caller can close the node and start the next.
 *
 * <p>Mutable and not thread-safe. Keys passed in are copied.
 */
public final class NodeBuilder {
  private final int level;
  private final int checksumSize;
  private final long metaStart;
  private final int interval;
  private final ByteBuilder entries = new ByteBuilder(4096);
  private final ByteBuilder scratch = new ByteBuilder(256);
  private int[] restarts = new int[64];
  private int count;
  private byte[] prevKey = new byte[64];
  private int prevKeyLength;
  private long base;
  private long nextStart;

  /**
   * @param level 0 for a leaf
   * @param checksumSize bytes of each entry checksum (leaves)
   * @param metaStart start of the meta region (leaves store metadata offsets relative to it)
   */
  public NodeBuilder(int level, int checksumSize, long metaStart) {
    this(level, checksumSize, metaStart, PageFormat.RESTART_INTERVAL);
  }

  public NodeBuilder(int level, int checksumSize, long metaStart, int interval) {
    if (interval < 1 || interval > 255) {
      throw new IllegalArgumentException("restart interval must be 1..255: " + interval);
    }
    this.level = level;
    this.checksumSize = checksumSize;
    this.metaStart = metaStart;
    this.interval = interval;
  }

  public int count() {
    return count;
  }

  public int level() {
    return level;
  }

  /** Bytes the node takes if closed now. */
  public int size() {
    return PageFormat.HEADER_SIZE + 4 * restartCount() + entries.size();
  }

  private int restartCount() {
    return (count + interval - 1) / interval;
  }

  private int keyPrefix(byte[] key, int len, boolean restart) {
    if (restart) {
      return 0;
    }
    int n = Math.min(len, prevKeyLength);
    int m = Arrays.mismatch(key, 0, n, prevKey, 0, n);
    return m < 0 ? n : m;
  }

  private void encodeKey(byte[] key, int len, int shared) {
    scratch.clear();
    scratch.varLong(shared).varLong(len - shared).bytes(key, shared, len - shared);
  }

  private boolean commit(byte[] key, int len, boolean restart, int capacity) {
    int newSize = size() + scratch.size() + (restart ? 4 : 0);
    if (count > 0 && newSize > capacity) {
      return false;
    }
    if (restart) {
      if (restarts.length == count / interval) {
        restarts = Arrays.copyOf(restarts, restarts.length * 2);
      }
      restarts[count / interval] = entries.size();
    }
    entries.bytes(scratch.array(), 0, scratch.size());
    if (prevKey.length < len) {
      prevKey = Arrays.copyOf(prevKey, Math.max(len, prevKey.length * 2));
    }
    System.arraycopy(key, 0, prevKey, 0, len);
    prevKeyLength = len;
    count++;
    return true;
  }

  /** Adds a leaf entry unless it would push the node past {@code capacity} bytes. */
  public boolean tryAddLeaf(EntryFields e, int capacity) {
    boolean restart = count % interval == 0;
    encodeKey(e.key, e.keyLength, keyPrefix(e.key, e.keyLength, restart));
    long newBase = LeafCodec.encode(scratch, e, restart ? 0 : base, checksumSize, metaStart);
    if (!commit(e.key, e.keyLength, restart, capacity)) {
      return false;
    }
    base = newBase;
    return true;
  }

  /**
   * Adds a child reference unless it would push the node past {@code capacity}. The first
   * child's separator is stored empty whatever is passed.
   */
  public boolean tryAddChild(byte[] separator, int len, long startPage, int span, int capacity) {
    boolean restart = count % interval == 0;
    int keyLen = count == 0 ? 0 : len;
    encodeKey(separator, keyLen, keyPrefix(separator, keyLen, restart));
    scratch.varLong(span);
    if (restart) {
      scratch.varLong(startPage);
    } else if (startPage != nextStart) {
      throw new IllegalStateException("children of one node must be contiguous");
    }
    if (!commit(separator, keyLen, restart, capacity)) {
      return false;
    }
    nextStart = startPage + span;
    return true;
  }

  /** The finished node, zero-padded to {@code totalBytes} (at least {@link #size()}); then resets. */
  public byte[] finish(int totalBytes) {
    int size = size();
    if (totalBytes < size) {
      throw new IllegalArgumentException("node of " + size + " bytes cannot be padded to " + totalBytes);
    }
    byte[] out = new byte[totalBytes];
    out[0] = (byte) (level == 0 ? PageFormat.KIND_LEAF : PageFormat.KIND_INNER);
    out[1] = PageFormat.VERSION;
    out[2] = (byte) level;
    out[3] = (byte) interval;
    ByteBuilder.putLe32(out, 4, count);
    ByteBuilder.putLe32(out, 8, size);
    int first = PageFormat.HEADER_SIZE + 4 * restartCount();
    for (int i = 0; i < restartCount(); i++) {
      ByteBuilder.putLe32(out, PageFormat.HEADER_SIZE + 4 * i, first + restarts[i]);
    }
    System.arraycopy(entries.array(), 0, out, first, entries.size());
    ByteBuilder.putLe32(out, 12, Checksums.crc32c(out, 0, 12, out, 16, size - 16));
    reset();
    return out;
  }

  public void reset() {
    entries.clear();
    count = 0;
    prevKeyLength = 0;
    base = 0;
    nextStart = 0;
  }
}
