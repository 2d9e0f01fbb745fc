package io.easystore;

import java.util.Objects;

/**
 * One entry of a container's index: where its body and metadata lie. Immutable.
 *
 * @param name the entry's name (in v1 a flat name; in later versions a {@code /}-separated path)
 * @param dataOffset absolute offset of the stored body (0 for external entries)
 * @param storedLength bytes of the body as stored (after compression, if any)
 * @param size bytes of the body as the caller wrote it
 * @param metaOffset absolute offset of the JSON metadata, or 0 when there is none
 * @param metaLength bytes of JSON metadata
 * @param flags {@link #EXTERNAL}, {@link #COMPRESSED}, {@link #ENCRYPTED}, {@link #DELETED}
 */
public record IndexEntry(
    String name, long dataOffset, long storedLength, long size, long metaOffset, long metaLength,
    int flags) {

  /** The body lives outside the container, as a separate object. */
  public static final int EXTERNAL = 0x1;
  /** The stored body is compressed. */
  public static final int COMPRESSED = 0x2;
  /** The stored body is encrypted. */
  public static final int ENCRYPTED = 0x4;
  /** The entry was logically deleted. */
  public static final int DELETED = 0x8;

  public IndexEntry {
    Objects.requireNonNull(name, "name");
    if (dataOffset < 0 || storedLength < 0 || size < 0 || metaOffset < 0 || metaLength < 0) {
      throw new IllegalArgumentException("negative offset or length in entry " + name);
    }
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

  /** The end of the stored body, exclusive. */
  public long dataEnd() {
    return dataOffset + storedLength;
  }
}
