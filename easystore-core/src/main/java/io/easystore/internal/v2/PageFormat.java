package io.easystore.internal.v2;



/**
 * Constants of DES v2 index nodes (pages and the root node). Layout of every node:
 *
 * <pre>
 *  0 kind u8 ('L' leaf, 'I' inner) | 1 version u8 (1) | 2 level u8 | 3 restart_interval u8
 *  4 count u32 | 8 length u32 | 12 crc32c u32 (of bytes [0,12) and [16,length))
 * 16 restart offsets: ceil(count / restart_interval) x u32, from the node's first byte
 *    entries
 * </pre>
 */
public final class PageFormat {
  public static final int HEADER_SIZE = 16;
  public static final int KIND_LEAF = 'L';
  public static final int KIND_INNER = 'I';
  public static final int VERSION = 1;
  /** Restart interval the writer uses: a full key every 16 entries bounds each in-page scan. */
  public static final int RESTART_INTERVAL = 16;
  /** Largest node a reader accepts: an entry with a 64 KiB name still fits many times over. */
  public static final int MAX_NODE_BYTES = 1 << 20;

  /** On-disk entry flag bits beyond the public ones of {@link io.easystore.IndexEntry}. */
  public static final int F_META = 0x20;
  public static final int F_MTIME = 0x40;
  public static final int F_MODE = 0x80;
  /** Every flag bit a version-1 leaf entry may carry. */
  public static final int KNOWN_FLAGS = 0xFF;

  private PageFormat() {}
}
