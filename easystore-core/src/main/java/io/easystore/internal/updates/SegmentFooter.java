package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.v2.V2Footer;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.Framing;
import io.easystore.internal.common.Formats;
import java.util.UUID;

/**
 * The footer of a delta segment (docs/FORMAT.md, "DES v2 updates"): the 72 bytes of a v2 footer
 * with the magic {@link CommitRecord#SEGMENT_MAGIC}; its CRC is computed as if the magic were
 * {@code DESFOOT1}. A segment whose root is a leaf (height 1) has no index pages and therefore no
 * page padding: its {@code dict_start} may be any offset in {@code [meta_end, root_start]}, which
 * a plain v2 footer would refuse. Taller segments obey every rule of {@link V2Footer}. Stateless.
 */
public final class SegmentFooter {
  private SegmentFooter() {}

  /** The footer bytes with the v2 magic restored, for {@link V2Footer#checkCrc}. */
  public static byte[] asV2(byte[] buf, int off) {
    return CommitRecord.segmentFooterAsV2(buf, off);
  }

  /** Parses and validates the segment footer at {@code buf[off..off+72)}, which ends at {@code end}. */
  public static V2Footer parse(String container, byte[] buf, int off, long end)
      throws CorruptContainerException, UnsupportedVersionException {
    long at = end - V2Footer.SIZE;
    Framing.checkMagic(container, at, buf, off, CommitRecord.SEGMENT_MAGIC, "no delta segment footer where the "
        + "commit record says a segment ends");
    Framing.checkVersion(container, at + 8, "DES delta segment", buf[off + 8] & 0xff, Formats.SEGMENT_OLDEST,
        Formats.SEGMENT_NEWEST);
    byte[] f = asV2(buf, off);
    int height = f[11] & 0xff;
    if (height != 1) {
      return V2Footer.parse(container, f, 0, end);
    }
    ByteCursor c = new ByteCursor(container, at, f, 0, V2Footer.SIZE);
    c.pos(8);
    c.u8("version");
    int shift = c.u8("page_shift");
    int kindId = c.u8("checksum_kind");
    c.u8("height");
    long rootLength = c.le32("root_length") & 0xFFFFFFFFL;
    long entries = c.le64("entry_count");
    long metaStart = c.le64("meta_start");
    long metaEnd = c.le64("meta_end");
    long dictStart = c.le64("dict_start");
    UUID uuid = new UUID(c.le64("uuid"), c.le64("uuid"));
    int reserved = c.le32("reserved");
    io.easystore.ChecksumKind kind = io.easystore.ChecksumKind.fromId(kindId);
    long rootStart = at - rootLength;
    check(c, 9, shift >= V2Footer.MIN_PAGE_SHIFT && shift <= V2Footer.MAX_PAGE_SHIFT, "page_shift " + shift);
    check(c, 10, kind != null, "unknown checksum kind " + kindId);
    check(c, 64, reserved == 0, "reserved footer field is not zero");
    check(c, 12, rootLength >= V2Footer.MIN_ROOT_BYTES && rootLength <= V2Footer.MAX_ROOT_BYTES
        && rootStart >= V2Footer.HEADER_SIZE, "root block length " + rootLength + " out of range");
    check(c, 24, metaStart >= V2Footer.HEADER_SIZE && metaStart <= rootStart, "meta_start "
        + Long.toUnsignedString(metaStart) + " outside [32, " + rootStart + "]");
    check(c, 32, metaEnd >= metaStart && metaEnd <= rootStart, "meta_end " + Long.toUnsignedString(metaEnd)
        + " outside [" + metaStart + ", " + rootStart + "]");
    check(c, 40, dictStart >= metaEnd && dictStart <= rootStart, "dict_start " + Long.toUnsignedString(dictStart)
        + " outside [" + metaEnd + ", " + rootStart + "]");
    check(c, 16, entries >= 0 && entries <= rootLength / V2Footer.MIN_ENTRY_BYTES, "entry_count "
        + Long.toUnsignedString(entries) + " cannot fit in a root block of " + rootLength + " bytes");
    return new V2Footer(shift, kind, 1, (int) rootLength, entries, metaStart, metaEnd, dictStart, uuid, end);
  }

  private static void check(ByteCursor c, int p, boolean ok, String problem) throws CorruptContainerException {
    if (!ok) {
      throw c.corruptAt(p, problem);
    }
  }
}
