package io.easystore.internal.updates;

import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v2.LeafCodec;
import io.easystore.internal.v2.PageFormat;
import io.easystore.internal.v2.V2Paths;
import java.util.Arrays;
import java.util.Objects;

/**
 * One staged change of an updated DES v2 container: a complete leaf entry (the fields of
 * {@link LeafCodec}) plus its metadata JSON held in memory, or a tombstone. Pending changes of an
 * updater and the entries of a delta segment being written are kept in this form.
 *
 * <p>Immutable: the key and metadata arrays are copied in and must not be changed by callers that
 * obtain them through the accessors (they are shared, for speed).
 *
 * @param key the index key ({@code parent NUL basename}, see {@link V2Paths})
 * @param flags on-disk flags: the public bits of {@link IndexEntry} plus {@link PageFormat#F_MTIME}
 *     and {@link PageFormat#F_MODE}; {@link PageFormat#F_META} is derived from {@code meta}
 * @param meta metadata JSON without its CRC, or null
 */
public record DeltaEntry(byte[] key, int flags, long dataOffset, long storedLength, long originalLength, int codec,
    int dictionaryId, long checksum, long mtimeMillis, int mode, byte[] meta) {

  /** How a tombstone is stored: a deleted directory entry has no body fields to encode. */
  public static final int TOMBSTONE_FLAGS = IndexEntry.DELETED | IndexEntry.DIRECTORY;

  public DeltaEntry {
    Objects.requireNonNull(key, "key");
    if ((flags & ~PageFormat.KNOWN_FLAGS) != 0) {
      throw new IllegalArgumentException("unknown flag bits " + Integer.toHexString(flags));
    }
    flags &= ~PageFormat.F_META;
    if (meta != null) {
      flags |= PageFormat.F_META;
    }
    if (dataOffset < 0 || storedLength < 0 || originalLength < 0) {
      throw new IllegalArgumentException("negative body field in a staged entry");
    }
  }

  /** A tombstone: the key is deleted in this and every older layer. */
  public static DeltaEntry tombstone(byte[] key) {
    return new DeltaEntry(key, TOMBSTONE_FLAGS, 0, 0, 0, 0, 0, 0, EntryAttributes.NO_MTIME, EntryAttributes.NO_MODE,
        null);
  }

  /** A directory entry with optional attributes. */
  public static DeltaEntry directory(byte[] key, EntryAttributes a) {
    return new DeltaEntry(key, IndexEntry.DIRECTORY | attributeFlags(a), 0, 0, 0, 0, 0, 0, a.mtimeMillis(), a.mode(),
        null);
  }

  /** The on-disk attribute flags for {@code a}. */
  public static int attributeFlags(EntryAttributes a) {
    return (a.hasMtime() ? PageFormat.F_MTIME : 0) | (a.hasMode() ? PageFormat.F_MODE : 0);
  }

  /** The same entry described by an {@link IndexEntry} (body, attributes) with the given metadata. */
  public static DeltaEntry of(byte[] key, IndexEntry e, byte[] meta) {
    int flags = (e.flags() & 0x1F) | attributeFlags(e.attributes());
    return new DeltaEntry(key, flags, e.dataOffset(), e.storedLength(), e.size(), e.codec().id(), e.dictionaryId(),
        e.checksum(), e.mtimeMillis(), e.mode(), meta);
  }

  /** A copy of decoded leaf fields (the key included); {@code meta} replaces the metadata reference. */
  public static DeltaEntry of(EntryFields f, byte[] meta) {
    return new DeltaEntry(f.keyCopy(), f.flags & ~PageFormat.F_META, f.dataOffset, f.storedLength, f.originalLength,
        f.codec, f.dictionaryId, f.checksum, f.mtimeMillis, f.mode, meta);
  }

  /** This entry with other attributes. */
  public DeltaEntry withAttributes(EntryAttributes a) {
    int f = (flags & ~(PageFormat.F_MTIME | PageFormat.F_MODE | PageFormat.F_META)) | attributeFlags(a);
    return new DeltaEntry(key, f, dataOffset, storedLength, originalLength, codec, dictionaryId, checksum,
        a.mtimeMillis(), a.mode(), meta);
  }

  /** This entry under another key. */
  public DeltaEntry withKey(byte[] newKey) {
    return new DeltaEntry(newKey, flags & ~PageFormat.F_META, dataOffset, storedLength, originalLength, codec,
        dictionaryId, checksum, mtimeMillis, mode, meta);
  }

  public boolean isTombstone() {
    return (flags & IndexEntry.DELETED) != 0;
  }

  public boolean isDirectory() {
    return (flags & IndexEntry.DIRECTORY) != 0;
  }

  /** Whether the body occupies bytes inside the container. */
  public boolean hasStoredBody() {
    return (flags & (IndexEntry.DIRECTORY | IndexEntry.DELETED | IndexEntry.EXTERNAL)) == 0 && storedLength > 0;
  }

  /**
   * Fills {@code f} with this entry. The metadata offset is set to {@code metaOffset} (absolute,
   * or relative to a spool: the caller's convention) when there is metadata.
   */
  public void into(EntryFields f, long metaOffset) {
    f.setKey(key, key.length);
    f.flags = flags;
    f.dataOffset = dataOffset;
    f.storedLength = storedLength;
    f.originalLength = originalLength;
    f.codec = codec;
    f.dictionaryId = dictionaryId;
    f.checksum = checksum;
    f.mtimeMillis = mtimeMillis;
    f.mode = mode;
    f.metaOffset = meta == null ? 0 : metaOffset;
    f.metaLength = meta == null ? 0 : meta.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeltaEntry d && Arrays.equals(key, d.key) && flags == d.flags && dataOffset == d.dataOffset
        && storedLength == d.storedLength && originalLength == d.originalLength && codec == d.codec
        && dictionaryId == d.dictionaryId && checksum == d.checksum && mtimeMillis == d.mtimeMillis && mode == d.mode
        && Arrays.equals(meta, d.meta);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key) * 31 + Long.hashCode(dataOffset);
  }

  @Override
  public String toString() {
    return "DeltaEntry[" + V2Paths.decode(key).replace('\0', '/') + ", flags=" + Integer.toHexString(flags) + ", @"
        + dataOffset + "+" + storedLength + "]";
  }
}
