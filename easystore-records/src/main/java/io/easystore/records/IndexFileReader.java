package io.easystore.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Framing;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Looks keys up in an index file: footer, then one block per level down to the leftmost leaf that
 * may hold the key, then forward through leaves while keys match. Every offset, length, count
 * and level is checked against the file and the parent before it is used. Thread-safe.
 */
final class IndexFileReader implements KeyIndex {
  private final RangeSource src;
  private final boolean ownsSource;
  private final String name;
  private final long size;
  private final UUID archiveId;
  private final String keyName;
  private final KeyType keyType;
  private final int height;
  private final long rootOffset;
  private final int rootLength;
  private final long dataStart;
  private final long leafStart;
  private final long leafEnd;
  private final long entries;

  IndexFileReader(RangeSource src, boolean ownsSource) throws IOException {
    this.src = src;
    this.ownsSource = ownsSource;
    this.name = src.name();
    this.size = src.size();
    if (size < Format.VOLUME_FIXED + 4 + IndexFormat.FOOTER) {
      throw corrupt(0, "too short for a key index (" + size + " bytes)");
    }
    byte[] fixed = src.readFully(0, Format.VOLUME_FIXED);
    Framing.checkMagic(name, 0, fixed, 0, IndexFormat.HEADER_MAGIC, "not a key index (bad magic)");
    checkVersion(ByteCursor.getLe16(fixed, 8), 8);
    long metaLen = ByteCursor.getLe32(fixed, 12) & 0xFFFFFFFFL;
    if (metaLen > Format.MAX_METADATA || metaLen > size - IndexFormat.FOOTER - Format.VOLUME_FIXED - 4) {
      throw corrupt(12, "index metadata length " + metaLen + " exceeds the file");
    }
    byte[] head = new byte[Format.VOLUME_FIXED + (int) metaLen + 4];
    src.readFully(0, ByteBuffer.wrap(head));
    int crcAt = Format.VOLUME_FIXED + (int) metaLen;
    Framing.checkChecksum(name, crcAt, "index header", ByteCursor.getLe32(head, crcAt), Format.crc(head, 0, crcAt), "");
    try {
      JsonNode m = RecordTypes.MAPPER.readTree(head, Format.VOLUME_FIXED, (int) metaLen);
      this.archiveId = UUID.fromString(m.path("archiveId").asText());
      this.keyName = m.path("key").asText();
      this.keyType = KeyType.fromLabel(m.path("keyType").asText());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new CorruptContainerException(name, Format.VOLUME_FIXED, null, "bad index metadata: "
          + CorruptPageException.oneLine(e.getMessage()), e);
    }
    this.dataStart = Format.align(crcAt + 4L);
    long footerAt = size - IndexFormat.FOOTER;
    byte[] f = src.readFully(footerAt, IndexFormat.FOOTER);
    Framing.checkMagic(name, footerAt, f, 0, IndexFormat.FOOTER_MAGIC, "no index footer (truncated or not finished)");
    checkVersion(ByteCursor.getLe16(f, 8), footerAt + 8);
    Framing.checkChecksum(name, footerAt, "index footer", ByteCursor.getLe32(f, 60), Format.crc(f, 0, 60), "");
    this.height = f[10] & 0xFF;
    this.rootLength = ByteCursor.getLe32(f, 12);
    this.rootOffset = ByteCursor.getLe64(f, 16);
    this.leafStart = ByteCursor.getLe64(f, 24);
    this.leafEnd = ByteCursor.getLe64(f, 32);
    this.entries = ByteCursor.getLe64(f, 40);
    if (height > IndexFormat.MAX_HEIGHT || leafStart != dataStart || leafEnd < leafStart || leafEnd > footerAt
        || entries < 0 || (height == 0) != (entries == 0)
        || (height > 0 && !inside(rootOffset, rootLength, height == 1 ? leafEnd : footerAt))) {
      throw corrupt(footerAt, "index footer fields are inconsistent with the file");
    }
  }

  private boolean inside(long off, long len, long end) {
    return len >= IndexFormat.BLOCK_HEADER && len <= IndexFormat.BLOCK_HEADER + IndexFormat.MAX_BLOCK
        && off >= leafStart && off <= end - len;
  }

  private void checkVersion(int v, long at) throws UnsupportedVersionException {
    Framing.checkVersion(name, at, "record key index", v, IndexFormat.VERSION, IndexFormat.VERSION);
  }

  private CorruptContainerException corrupt(long at, String problem) {
    return new CorruptContainerException(name, at, null, problem);
  }

  @Override
  public UUID archiveId() {
    return archiveId;
  }

  @Override
  public String keyName() {
    return keyName;
  }

  @Override
  public KeyType keyType() {
    return keyType;
  }

  @Override
  public long entries() {
    return entries;
  }

  /** A checked block: header fields and payload. */
  private record Block(long offset, int level, int count, byte[] bytes, int length) {}

  private Block read(long off, int len, int level) throws IOException {
    byte[] b = new byte[len];
    src.readFully(off, ByteBuffer.wrap(b));
    return check(off, b, level);
  }

  /** Reads a leaf whose length is not known from a parent (the next one in the leaf run). */
  private Block readNextLeaf(long off) throws IOException {
    if (off > leafEnd - IndexFormat.BLOCK_HEADER) {
      throw corrupt(off, "leaf run ends inside a block header");
    }
    byte[] h = src.readFully(off, IndexFormat.BLOCK_HEADER);
    long payload = ByteCursor.getLe32(h, 12) & 0xFFFFFFFFL;
    if (payload > IndexFormat.MAX_BLOCK || payload > leafEnd - off - IndexFormat.BLOCK_HEADER) {
      throw corrupt(off, "index block length " + payload + " runs past the leaf run");
    }
    return read(off, IndexFormat.BLOCK_HEADER + (int) payload, 0);
  }

  private Block check(long off, byte[] b, int level) throws CorruptContainerException, UnsupportedVersionException {
    Framing.checkMagic(name, off, b, 0, IndexFormat.BLOCK_MAGIC, "no index block magic");
    Framing.checkChecksum(name, off, "index block header", ByteCursor.getLe32(b, 20), Format.crc(b, 0, 20), "");
    checkVersion(b[4] & 0xFF, off + 4);
    int count = ByteCursor.getLe32(b, 8);
    long payload = ByteCursor.getLe32(b, 12) & 0xFFFFFFFFL;
    if ((b[5] & 0xFF) != level || payload != b.length - IndexFormat.BLOCK_HEADER || count < 1
        || count > payload / 3) {
      throw corrupt(off, "index block fields disagree (level " + (b[5] & 0xFF) + ", expected " + level
          + "; " + count + " keys in " + payload + " bytes)");
    }
    Framing.checkChecksum(name, off, "index block payload", ByteCursor.getLe32(b, 16),
        Format.crc(b, IndexFormat.BLOCK_HEADER, (int) payload), "");
    return new Block(off, level, count, b, b.length);
  }

  @Override
  public List<Bookmark> lookupEncoded(byte[] key) throws IOException {
    List<Bookmark> out = new ArrayList<>();
    if (height == 0) {
      return out;
    }
    Block blk = read(rootOffset, rootLength, height - 1);
    while (blk.level > 0) {
      blk = descend(blk, key);
    }
    while (true) {
      boolean more = scanLeaf(blk, key, out);
      long next = blk.offset + blk.length;
      if (!more || next >= leafEnd) {
        return out;
      }
      blk = readNextLeaf(next);
    }
  }

  /** Picks the last child whose first key is below {@code key} (or the first child). */
  private Block descend(Block blk, byte[] key) throws IOException {
    IndexFormat.Input in = new IndexFormat.Input(blk.bytes, IndexFormat.BLOCK_HEADER, blk.length);
    long chosenOff = -1;
    long chosenLen = -1;
    for (int i = 0; i < blk.count; i++) {
      long keyLength = in.varlong();
      if (keyLength < 0 || keyLength > KeyType.MAX_KEY || keyLength > in.end - in.pos) {
        throw corrupt(blk.offset, "bad key length in inner index block");
      }
      int kl = (int) keyLength;
      int cmp = Arrays.compareUnsigned(blk.bytes, in.pos, in.pos + kl, key, 0, key.length);
      in.pos += kl;
      long off = in.varlong();
      long len = in.varlong();
      if (off < 0 || len < 0) {
        throw corrupt(blk.offset, "bad child reference in inner index block");
      }
      if (i == 0 || cmp < 0) {
        chosenOff = off;
        chosenLen = len;
      }
      if (cmp >= 0) {
        break;
      }
    }
    int childLevel = blk.level - 1;
    // Children lie before their parent: leaves in the leaf run, inner blocks after it.
    long limit = childLevel == 0 ? leafEnd : blk.offset;
    if (!inside(chosenOff, chosenLen, limit) || (childLevel > 0 && chosenOff < leafEnd)) {
      throw corrupt(blk.offset, "child block reference " + chosenOff + "+" + chosenLen + " is outside its region");
    }
    return read(chosenOff, (int) chosenLen, childLevel);
  }

  /** Adds this leaf's matches; true if the leaf ended on a match, so the next leaf may hold more. */
  private boolean scanLeaf(Block blk, byte[] key, List<Bookmark> out) throws CorruptContainerException {
    IndexFormat.Input in = new IndexFormat.Input(blk.bytes, IndexFormat.BLOCK_HEADER, blk.length);
    for (int i = 0; i < blk.count; i++) {
      long keyLength = in.varlong();
      if (keyLength < 0 || keyLength > KeyType.MAX_KEY || keyLength > in.end - in.pos) {
        throw corrupt(blk.offset, "bad key length in index leaf");
      }
      int kl = (int) keyLength;
      int cmp = Arrays.compareUnsigned(blk.bytes, in.pos, in.pos + kl, key, 0, key.length);
      in.pos += kl;
      long page = in.varlong();
      long idx = in.varlong();
      if (page < 0 || page > Long.MAX_VALUE / Format.ALIGN || idx < 0 || idx > Integer.MAX_VALUE) {
        throw corrupt(blk.offset, "bad bookmark in index leaf");
      }
      if (cmp > 0) {
        return false;
      }
      if (cmp == 0) {
        out.add(new Bookmark(page * Format.ALIGN, (int) idx));
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    if (ownsSource) {
      src.close();
    }
  }
}
