package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.common.EntryFields;

/**
 * Encodes and decodes the fields of a leaf entry that follow its front-coded key:
 *
 * <pre>
 * flags varint
 * unless directory: data_offset zigzag varint (delta from the base, see below) | stored_length varint
 *                   | if compressed or encrypted: original_length varint | codec u8 | dictionary_id varint
 *                   | checksum (4 bytes LE for CRC-32C, 8 for xxHash64)
 * if F_MTIME: mtime zigzag varint (ms) | if F_MODE: mode varint | if F_META: meta_offset varint | meta_length varint
 * </pre>
 *
 * The base of a data offset is 0 for the first entry of a restart group, and otherwise the end of
 * the previous body in the group, so bodies written in key order cost one byte. Decoding checks
 * every field against the footer's regions. Stateless and thread-safe.
 */
public final class LeafCodec {
  private static final int BODY_FLAGS = IndexEntry.EXTERNAL | IndexEntry.COMPRESSED | IndexEntry.ENCRYPTED;

  private LeafCodec() {}

  /**
   * Appends the fields of {@code e}; returns the new base for the next entry.
   *
   * @param metaStart the meta region's start ({@code e.metaOffset} is absolute)
   */
  public static long encode(ByteBuilder out, EntryFields e, long base, int checksumSize, long metaStart) {
    out.varLong(e.flags & 0xFF);
    if ((e.flags & IndexEntry.DIRECTORY) == 0) {
      out.zigzag(e.dataOffset - base);
      out.varLong(e.storedLength);
      if ((e.flags & (IndexEntry.COMPRESSED | IndexEntry.ENCRYPTED)) != 0) {
        out.varLong(e.originalLength).u8(e.codec).varLong(e.dictionaryId);
      }
      if (checksumSize == 8) {
        out.le64(e.checksum);
      } else {
        out.le32((int) e.checksum);
      }
      base = e.dataOffset + e.storedLength;
    }
    if ((e.flags & PageFormat.F_MTIME) != 0) {
      out.zigzag(e.mtimeMillis);
    }
    if ((e.flags & PageFormat.F_MODE) != 0) {
      out.varLong(e.mode);
    }
    if ((e.flags & PageFormat.F_META) != 0) {
      out.varLong(e.metaOffset - metaStart).varLong(e.metaLength);
    }
    return base;
  }

  /**
   * Decodes the fields at the cursor into {@code e} and checks them; returns the new base.
   *
   * @param dictionaries the largest dictionary id the container defines
   */
  public static long decode(ByteCursor c, EntryFields e, long base, V2Footer f, int dictionaries)
      throws CorruptContainerException {
    int at = c.pos();
    int flags = (int) c.varLong("entry flags", PageFormat.KNOWN_FLAGS);
    e.flags = flags;
    boolean dir = (flags & IndexEntry.DIRECTORY) != 0;
    e.codec = 0;
    e.dictionaryId = 0;
    e.checksum = 0;
    if (dir) {
      if ((flags & BODY_FLAGS) != 0) {
        throw c.corruptAt(at, "directory entry flagged external, compressed or encrypted");
      }
      e.dataOffset = 0;
      e.storedLength = 0;
      e.originalLength = 0;
    } else {
      int offAt = c.pos();
      long delta = c.zigzag("data offset");
      long stored = c.varLong("stored length", Long.MAX_VALUE);
      long offset = base + delta;
      if ((flags & IndexEntry.EXTERNAL) == 0) {
        long dataEnd = f.metaStart();
        if (offset < V2Footer.HEADER_SIZE || offset > dataEnd || stored > dataEnd - offset) {
          throw c.corruptAt(offAt, "body [" + offset + ", +" + stored + ") lies outside the data region ["
              + V2Footer.HEADER_SIZE + ", " + dataEnd + ")");
        }
      } else if (offset < 0) {
        throw c.corruptAt(offAt, "negative external body offset");
      }
      e.dataOffset = offset;
      e.storedLength = stored;
      if ((flags & (IndexEntry.COMPRESSED | IndexEntry.ENCRYPTED)) != 0) {
        e.originalLength = c.varLong("original length", Long.MAX_VALUE);
        int codecAt = c.pos();
        e.codec = c.u8("codec");
        e.dictionaryId = c.varInt("dictionary id", Integer.MAX_VALUE);
        boolean compressed = (flags & IndexEntry.COMPRESSED) != 0;
        if (compressed != (e.codec != 0) || e.codec > 3) {
          throw c.corruptAt(codecAt, "codec " + e.codec + " does not match the compressed flag");
        }
        if ((e.codec == 3) != (e.dictionaryId != 0) || e.dictionaryId > dictionaries) {
          throw c.corruptAt(codecAt, "dictionary id " + e.dictionaryId + " invalid for codec " + e.codec
              + " (container has " + dictionaries + " dictionaries)");
        }
      } else {
        e.originalLength = stored;
      }
      e.checksum = f.checksumKind().size() == 8 ? c.le64("checksum") : c.le32("checksum") & 0xFFFFFFFFL;
      base = offset + stored;
    }
    e.mtimeMillis = (flags & PageFormat.F_MTIME) != 0 ? c.zigzag("mtime") : EntryAttributes.NO_MTIME;
    if (e.mtimeMillis == EntryAttributes.NO_MTIME && (flags & PageFormat.F_MTIME) != 0) {
      throw c.corrupt("mtime holds the reserved 'absent' value");
    }
    e.mode = (flags & PageFormat.F_MODE) != 0 ? c.varInt("mode", 07777) : EntryAttributes.NO_MODE;
    if ((flags & PageFormat.F_META) != 0) {
      int metaAt = c.pos();
      long rel = c.varLong("meta offset", Long.MAX_VALUE);
      long len = c.varLong("meta length", Long.MAX_VALUE);
      long region = f.metaEnd() - f.metaStart();
      // Each metadata record is followed by its 4-byte CRC-32C inside the region.
      if (rel > region || len > region - rel || 4 > region - rel - len) {
        throw c.corruptAt(metaAt, "metadata [+" + rel + ", " + len + " bytes] lies outside the meta region of "
            + region + " bytes");
      }
      e.metaOffset = f.metaStart() + rel;
      e.metaLength = len;
    } else {
      e.metaOffset = 0;
      e.metaLength = 0;
    }
    return base;
  }
}
