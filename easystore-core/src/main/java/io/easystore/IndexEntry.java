package io.easystore;

import io.easystore.codec.CodecId;
import java.util.Objects;

/**
 * One entry of a container's index: where its body and metadata lie and how the body is stored.
 * Immutable.
 *
 * @param name the entry's name (in v1 a flat name; in v2 a {@code /}-separated path)
 * @param dataOffset absolute offset of the stored body (0 for external entries and directories)
 * @param storedLength bytes of the body as stored (after compression, if any)
 * @param size bytes of the body as the caller wrote it
 * @param metaOffset absolute offset of the JSON metadata, or 0 when there is none
 * @param metaLength bytes of JSON metadata
 * @param flags {@link #EXTERNAL}, {@link #COMPRESSED}, {@link #ENCRYPTED}, {@link #DELETED},
 *     {@link #DIRECTORY}
 * @param codec how the stored body is compressed ({@link CodecId#NONE} when it is not)
 * @param dictionaryId the container's dictionary the body was compressed with, or 0
 * @param checksumKind the kind of {@code checksum}, or null when the format has none (v1)
 * @param checksum checksum of the original (uncompressed) bytes; 0 when {@code checksumKind} is null
 * @param mtimeMillis modification time, or {@link EntryAttributes#NO_MTIME}
 * @param mode POSIX permission bits, or {@link EntryAttributes#NO_MODE}
 */
public record IndexEntry(
    String name, long dataOffset, long storedLength, long size, long metaOffset, long metaLength,
    int flags, CodecId codec, int dictionaryId, ChecksumKind checksumKind, long checksum,
    long mtimeMillis, int mode) {

  /** The body lives outside the container, as a separate object. */
  public static final int EXTERNAL = 0x1;
  /** The stored body is compressed. */
  public static final int COMPRESSED = 0x2;
  /** The stored body is encrypted. */
  public static final int ENCRYPTED = 0x4;
  /** The entry was logically deleted. */
  public static final int DELETED = 0x8;
  /** The entry is a directory (v2): it has no body. */
  public static final int DIRECTORY = 0x10;

  public IndexEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(codec, "codec");
    if (dataOffset < 0 || storedLength < 0 || size < 0 || metaOffset < 0 || metaLength < 0) {
      throw new IllegalArgumentException("negative offset or length in entry " + name);
    }
    if (dictionaryId < 0) {
      throw new IllegalArgumentException("negative dictionary id in entry " + name);
    }
    if (mode != EntryAttributes.NO_MODE && (mode < 0 || mode > 07777)) {
      throw new IllegalArgumentException("mode out of range in entry " + name);
    }
  }

  /** An entry without codec, checksum or attributes (the v1 shape). */
  public IndexEntry(String name, long dataOffset, long storedLength, long size, long metaOffset,
      long metaLength, int flags) {
    this(name, dataOffset, storedLength, size, metaOffset, metaLength, flags, CodecId.NONE, 0, null, 0,
        EntryAttributes.NO_MTIME, EntryAttributes.NO_MODE);
  }

  /** A v1 entry, whose stored and original lengths are the same. */
  public static IndexEntry v1(String name, long dataOffset, long dataLength, long metaOffset,
      long metaLength, int flags) {
    return new IndexEntry(name, dataOffset, dataLength, dataLength, metaOffset, metaLength, flags);
  }

  public boolean isExternal() {
    return (flags & EXTERNAL) != 0;
  }

  public boolean isCompressed() {
    return (flags & COMPRESSED) != 0;
  }

  public boolean isEncrypted() {
    return (flags & ENCRYPTED) != 0;
  }

  public boolean isDeleted() {
    return (flags & DELETED) != 0;
  }

  public boolean isDirectory() {
    return (flags & DIRECTORY) != 0;
  }

  /** Whether the entry records a checksum of its original bytes. */
  public boolean hasChecksum() {
    return checksumKind != null;
  }

  /** The modification time and mode, each possibly absent. */
  public EntryAttributes attributes() {
    return new EntryAttributes(mtimeMillis, mode);
  }

  /** The last segment of the name: the file name within its directory. */
  public String baseName() {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  /** The end of the stored body, exclusive. */
  public long dataEnd() {
    return dataOffset + storedLength;
  }
}
