package io.easystore.internal.updates;

import io.easystore.ChecksumKind;
import io.easystore.IndexEntry;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v2.MetaRecord;
import io.easystore.internal.v2.NodeBuilder;
import io.easystore.internal.v2.RootBlock;
import io.easystore.internal.v2.V2Footer;
import java.util.List;
import java.util.UUID;

/**
 * A delta segment small enough that its whole index is one root leaf (docs/FORMAT.md, "DES v2
 * updates"): metadata records, the root block and the segment footer, back to back, without page
 * padding. Its bytes depend on its position only through the footer's offsets, so its size is
 * known before a place is chosen for it (a free extent after every body it points at, or the end
 * of the file). Immutable.
 */
public final class CompactSegment {
  /** Most bytes of the root node: with the footer it stays well inside a 64 KiB tail read. */
  public static final int ROOT_BUDGET = 60 << 10;

  private final byte[] meta;
  private final byte[] rootBlock;
  private final long entries;
  private final long maxBodyEnd;

  private CompactSegment(byte[] meta, byte[] rootBlock, long entries, long maxBodyEnd) {
    this.meta = meta;
    this.rootBlock = rootBlock;
    this.entries = entries;
    this.maxBodyEnd = maxBodyEnd;
  }

  /**
   * Builds the segment of {@code sorted} (strictly ascending keys), or returns null when they do
   * not fit one root leaf of {@link #ROOT_BUDGET} bytes.
   */
  public static CompactSegment build(List<DeltaEntry> sorted, int checksumSize) {
    NodeBuilder nb = new NodeBuilder(0, checksumSize, 0);
    ByteBuilder metas = new ByteBuilder(256);
    EntryFields f = new EntryFields();
    long live = 0;
    long dirs = 0;
    long deleted = 0;
    long original = 0;
    long stored = 0;
    long maxEnd = V2Footer.HEADER_SIZE;
    for (DeltaEntry d : sorted) {
      d.into(f, metas.size());
      if (!nb.tryAddLeaf(f, ROOT_BUDGET)) {
        return null;
      }
      if (d.meta() != null) {
        metas.bytes(d.meta());
        metas.le32(MetaRecord.boundCrc(f.key, f.keyLength, d.meta(), 0, d.meta().length));
      }
      if (d.isTombstone()) {
        deleted++;
      } else if (d.isDirectory()) {
        dirs++;
      } else {
        live++;
        original += d.originalLength();
        if ((d.flags() & IndexEntry.EXTERNAL) == 0) {
          stored += d.storedLength();
          maxEnd = Math.max(maxEnd, d.dataOffset() + d.storedLength());
        }
      }
    }
    byte[] root = nb.finish(nb.size());
    byte[] block = RootBlock.encode(live, dirs, deleted, original, stored, List.of(), root);
    return new CompactSegment(metas.toByteArray(), block, sorted.size(), maxEnd);
  }

  /** Bytes the segment takes. */
  public int size() {
    return meta.length + rootBlock.length + V2Footer.SIZE;
  }

  /** The end of the last body the segment points at: the segment must start at or after it. */
  public long maxBodyEnd() {
    return maxBodyEnd;
  }

  /** The segment's bytes for {@code position}. */
  public byte[] bytesAt(long position, ChecksumKind kind, UUID uuid) {
    long metaEnd = position + meta.length;
    V2Footer f = new V2Footer(V2Footer.MIN_PAGE_SHIFT, kind, 1, rootBlock.length, entries, position, metaEnd, metaEnd,
        uuid, position + size());
    byte[] footer = f.encode(rootBlock, 0);
    System.arraycopy(CommitRecord.SEGMENT_MAGIC, 0, footer, 0, 8);
    byte[] out = new byte[size()];
    System.arraycopy(meta, 0, out, 0, meta.length);
    System.arraycopy(rootBlock, 0, out, meta.length, rootBlock.length);
    System.arraycopy(footer, 0, out, meta.length + rootBlock.length, V2Footer.SIZE);
    return out;
  }
}
