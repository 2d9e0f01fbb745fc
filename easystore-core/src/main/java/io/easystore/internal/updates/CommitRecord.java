package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The commit record that ends a DES v2 container updated in place (docs/FORMAT.md, "DES v2
 * updates"): a variable commit block (the live delta segments, the merged state's counts and the
 * free-extent list) followed by a 72-byte commit footer whose version byte is {@link #VERSION} (0x82), so
 * that readers of plain v2 refuse the file as "too new" instead of misreading it.
 *
 * <pre>
 * commit block:  segment_count varint | segment_end varint x count (newest first)
 *                live_files | directories | original_bytes | stored_bytes | unlisted_dead_bytes
 *                | protected_end   (varints)
 *                free_count varint | per extent: gap varint | length varint | freed_at varint
 * commit footer: magic "DESFOOT1" | version u8 = 0x82 | record_version u8 = 1 | reserved u16
 *                block_length u32 | generation u64 | commit_end u64 | prev_end u64 | base_end u64
 *                uuid 16 | reserved u32 | crc32c u32 (of the block, then footer bytes [0, 68))
 * </pre>
 *
 * {@link #parse} validates every field against the position where the footer was found, so a
 * record that parses describes regions inside {@code [0, commit_end)}, in order. Immutable.
 *
 * @param segmentEnds end offsets of the live delta segments, newest first (each ends with a
 *     segment footer, see {@link #SEGMENT_MAGIC}); segments lie after the base in any order
 * @param protectedEnd free space below this offset is never reused (only compaction reclaims it):
 *     it may still be read by readers that opened the container before its lock file existed
 * @param free free extents in offset order, not overlapping, adjacent only across {@code protectedEnd}
 */
public record CommitRecord(long generation, long commitEnd, long prevEnd, long baseEnd, UUID uuid,
    List<Long> segmentEnds, long liveFiles, long directories, long originalBytes, long storedBytes,
    long unlistedDeadBytes, long protectedEnd, List<Extent> free) {

  /**
   * The footer version byte of an updated container: bit 7 marks a commit record, the low bits
   * name the base format (2). Readers of plain v2 refuse it as a newer version.
   */
  public static final int VERSION = Formats.V2_UPDATED;
  /** The layout of the commit block and footer described here. */
  public static final int RECORD_VERSION = 1;
  public static final int FOOTER_SIZE = 72;
  /** Delta segments one state may have; the writer merges long before (see the updater). */
  public static final int MAX_SEGMENTS = 32;
  /** A commit block larger than this is refused as corrupt. */
  public static final int MAX_BLOCK_BYTES = 64 << 20;
  /** The magic of a delta segment's footer: a plain v2 reader never takes a segment for a container. */
  // Shared by the format's readers and writers in other packages; none writes to it.
  @SuppressWarnings("MutablePublicArray")
  public static final byte[] SEGMENT_MAGIC = {'D', 'E', 'S', 'S', 'E', 'G', 'M', '1'};
  /** The smallest plain v2 container: header, minimal root block, footer. */
  public static final long MIN_BASE_BYTES = V2Footer.HEADER_SIZE + V2Footer.MIN_ROOT_BYTES + V2Footer.SIZE;

  /** A run of bytes no committed state refers to since generation {@code freedAt}. */
  public record Extent(long offset, long length, long freedAt) {
    public Extent {
      if (offset < V2Footer.HEADER_SIZE || length <= 0 || freedAt < 1 || offset > Long.MAX_VALUE - length) {
        throw new IllegalArgumentException("bad free extent [" + offset + ", +" + length + ") freed at " + freedAt);
      }
    }

    public long end() {
      return offset + length;
    }
  }

  public CommitRecord {
    Objects.requireNonNull(uuid, "uuid");
    segmentEnds = List.copyOf(segmentEnds);
    free = List.copyOf(free);
    if (segmentEnds.size() > MAX_SEGMENTS) {
      throw new IllegalArgumentException("more than " + MAX_SEGMENTS + " delta segments");
    }
  }

  /** Where the commit block starts. */
  public long blockStart(int blockLength) {
    return commitEnd - FOOTER_SIZE - blockLength;
  }

  /** Bytes listed as free. */
  public long freeBytes() {
    long n = 0;
    for (Extent e : free) {
      n += e.length();
    }
    return n;
  }

  /** The commit block followed by the footer, ready to be written at {@code commitEnd - length}. */
  public byte[] encode() {
    ByteBuilder b = new ByteBuilder(64 + 10 * segmentEnds.size() + 12 * free.size());
    b.varLong(segmentEnds.size());
    for (long s : segmentEnds) {
      b.varLong(s);
    }
    b.varLong(liveFiles).varLong(directories).varLong(originalBytes).varLong(storedBytes).varLong(unlistedDeadBytes)
        .varLong(protectedEnd);
    b.varLong(free.size());
    long prev = V2Footer.HEADER_SIZE;
    for (Extent e : free) {
      b.varLong(e.offset() - prev).varLong(e.length()).varLong(e.freedAt());
      prev = e.end();
    }
    int blockLength = b.size();
    int f = b.size();
    b.bytes(V1Footer.FOOTER_MAGIC).u8(VERSION).u8(RECORD_VERSION).le16(0).le32(blockLength).le64(generation)
        .le64(commitEnd).le64(prevEnd).le64(baseEnd).le64(uuid.getMostSignificantBits())
        .le64(uuid.getLeastSignificantBits()).le32(0);
    b.le32(Checksums.crc32c(b.array(), 0, blockLength, b.array(), f, 68));
    return b.toByteArray();
  }

  /** The block length named by a footer that {@link #peek} accepted. */
  public static int blockLength(byte[] footer, int off) {
    return ByteCursor.getLe32(footer, off + 12);
  }

  /**
   * Validates the fixed fields of a commit footer found at {@code end - 72} (not its CRC, which
   * needs the block) and returns the block length.
   */
  public static int peek(String container, byte[] buf, int off, long end)
      throws CorruptContainerException, UnsupportedVersionException {
    long at = end - FOOTER_SIZE;
    ByteCursor c = new ByteCursor(container, at - off, buf, off, off + FOOTER_SIZE);
    Framing.checkMagic(container, at, buf, off, V1Footer.FOOTER_MAGIC, "bad commit footer magic");
    if ((buf[off + 8] & 0xff) != VERSION) {
      // The caller dispatched on this byte: another value here is a misplaced footer, not a version.
      throw c.corruptAt(off + 8, "footer version " + (buf[off + 8] & 0xff) + " is not an update footer ("
          + VERSION + ")");
    }
    Framing.checkVersion(container, at + 9, "DES commit record", buf[off + 9] & 0xff, Formats.COMMIT_RECORD_OLDEST,
        Formats.COMMIT_RECORD_NEWEST);
    check(c, off + 10, ByteCursor.getLe16(buf, off + 10) == 0 && ByteCursor.getLe32(buf, off + 64) == 0,
        "reserved commit footer field is not zero");
    long blockLength = ByteCursor.getLe32(buf, off + 12) & 0xFFFFFFFFL;
    long generation = ByteCursor.getLe64(buf, off + 16);
    long commitEnd = ByteCursor.getLe64(buf, off + 24);
    long prevEnd = ByteCursor.getLe64(buf, off + 32);
    long baseEnd = ByteCursor.getLe64(buf, off + 40);
    check(c, off + 24, commitEnd == end, "commit_end " + Long.toUnsignedString(commitEnd)
        + " is not where the record ends (" + end + "): a stale or misplaced commit record");
    check(c, off + 16, generation >= 1 && generation < (1L << 62), "generation " + Long.toUnsignedString(generation)
        + " out of range");
    check(c, off + 40, baseEnd >= MIN_BASE_BYTES && baseEnd <= at, "base_end " + Long.toUnsignedString(baseEnd)
        + " outside [" + MIN_BASE_BYTES + ", " + at + "]");
    check(c, off + 12, blockLength <= MAX_BLOCK_BYTES && blockLength <= at - baseEnd, "commit block of "
        + blockLength + " bytes does not fit between the base (" + baseEnd + ") and the footer");
    long blockStart = at - blockLength;
    check(c, off + 32, prevEnd >= baseEnd && prevEnd <= blockStart, "prev_end " + Long.toUnsignedString(prevEnd)
        + " outside [" + baseEnd + ", " + blockStart + "]");
    return (int) blockLength;
  }

  /**
   * Parses a commit record whose footer is at {@code footer[footerOff..+72)} and block at
   * {@code block[blockOff..+blockLength)}, ending at file offset {@code end}.
   */
  public static CommitRecord parse(String container, byte[] footer, int footerOff, byte[] block, int blockOff,
      long end) throws CorruptContainerException, UnsupportedVersionException {
    int blockLength = peek(container, footer, footerOff, end);
    long at = end - FOOTER_SIZE;
    Framing.checkChecksum(container, at + 68, "commit record", ByteCursor.getLe32(footer, footerOff + 68),
        Checksums.crc32c(block, blockOff, blockLength, footer, footerOff, 68), "; torn or damaged commit");
    long generation = ByteCursor.getLe64(footer, footerOff + 16);
    long prevEnd = ByteCursor.getLe64(footer, footerOff + 32);
    long baseEnd = ByteCursor.getLe64(footer, footerOff + 40);
    UUID uuid = new UUID(ByteCursor.getLe64(footer, footerOff + 48), ByteCursor.getLe64(footer, footerOff + 56));
    long blockStart = at - blockLength;
    ByteCursor c = new ByteCursor(container, blockStart - blockOff, block, blockOff, blockOff + blockLength);
    int n = c.varInt("segment count", MAX_SEGMENTS);
    List<Long> segs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int p = c.pos();
      long s = c.varLong("segment end", Long.MAX_VALUE);
      if (s > blockStart || s <= baseEnd + V2Footer.SIZE || segs.contains(s)) {
        throw c.corruptAt(p, "delta segment end " + s + " outside (" + (baseEnd + V2Footer.SIZE) + ", " + blockStart
            + "] or repeated");
      }
      segs.add(s);
    }
    long live = c.varLong("live files", Long.MAX_VALUE);
    long dirs = c.varLong("directories", Long.MAX_VALUE);
    long original = c.varLong("original bytes", Long.MAX_VALUE);
    long storedBytes = c.varLong("stored bytes", blockStart);
    long unlisted = c.varLong("unlisted dead bytes", blockStart);
    long protectedEnd = c.varLong("protected end", blockStart);
    int count = c.varInt("free extent count", c.remaining() / 3);
    List<Extent> free = new ArrayList<>(count);
    long prev = V2Footer.HEADER_SIZE;
    for (int i = 0; i < count; i++) {
      int p = c.pos();
      long gap = c.varLong("free extent gap", blockStart);
      long len = c.varLong("free extent length", blockStart);
      long freedAt = c.varLong("free extent generation", generation);
      if ((gap == 0 && i > 0 && prev != protectedEnd) || len == 0 || freedAt == 0 || gap > blockStart - prev
          || len > blockStart - prev - gap) {
        throw c.corruptAt(p, "free extent " + i + " (gap " + gap + ", length " + len + ", generation " + freedAt
            + ") is empty, adjacent to the previous one or outside [" + prev + ", " + blockStart + ")");
      }
      free.add(new Extent(prev + gap, len, freedAt));
      prev += gap + len;
    }
    if (c.remaining() != 0) {
      throw c.corrupt(c.remaining() + " unexpected bytes at the end of the commit block");
    }
    return new CommitRecord(generation, end, prevEnd, baseEnd, uuid, segs, live, dirs, original, storedBytes,
        unlisted, protectedEnd, free);
  }

  private static void check(ByteCursor c, int p, boolean ok, String problem) throws CorruptContainerException {
    if (!ok) {
      throw c.corruptAt(p, problem);
    }
  }

  /** Whether 8 bytes at {@code off} are {@link #SEGMENT_MAGIC}. */
  public static boolean isSegmentMagic(byte[] b, int off) {
    return Framing.hasMagic(b, off, SEGMENT_MAGIC);
  }

  /**
   * A copy of a segment footer with the v2 footer magic restored: the segment footer's CRC is
   * computed as if its magic were {@code DESFOOT1}, so the copy parses with {@link V2Footer}.
   */
  public static byte[] segmentFooterAsV2(byte[] b, int off) {
    byte[] copy = java.util.Arrays.copyOfRange(b, off, off + V2Footer.SIZE);
    System.arraycopy(V1Footer.FOOTER_MAGIC, 0, copy, 0, 8);
    return copy;
  }
}
