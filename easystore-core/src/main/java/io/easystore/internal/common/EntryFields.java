package io.easystore.internal.common;

import io.easystore.IndexEntry;

/**
 * The decoded fields of one leaf entry, reused across decodes so that a lookup allocates nothing
 * until it builds its {@link IndexEntry}. Fields are public because the page decoder, the writer
 * and the reader all fill or read them on hot paths.
 *
 * <p>Mutable and not thread-safe: one instance per lookup or cursor. {@link #key} is owned by the
 * instance and overwritten by the next decode.
 */
public final class EntryFields {
  public byte[] key = new byte[64];
  public int keyLength;
  /** On-disk flags: the public bits of {@link IndexEntry} plus {@code PageFormat.F_META} etc. */
  public int flags;
  public long dataOffset;
  public long storedLength;
  public long originalLength;
  public int codec;
  public int dictionaryId;
  public long checksum;
  public long mtimeMillis;
  public int mode;
  /** Absolute offset of the metadata JSON (0 when there is none). */
  public long metaOffset;
  public long metaLength;

  public boolean isDirectory() {
    return (flags & IndexEntry.DIRECTORY) != 0;
  }

  public boolean isDeleted() {
    return (flags & IndexEntry.DELETED) != 0;
  }

  public void ensureKey(int n) {
    if (key.length < n) {
      key = java.util.Arrays.copyOf(key, Math.max(n, key.length * 2));
    }
  }

  /** Copies the key into a new array of exactly its length. */
  public byte[] keyCopy() {
    return java.util.Arrays.copyOf(key, keyLength);
  }

  /** Sets the key from {@code k[0..len)}. */
  public void setKey(byte[] k, int len) {
    setKey(k, 0, len);
  }

  /** Sets the key from {@code k[off..off+len)}. */
  public void setKey(byte[] k, int off, int len) {
    ensureKey(len);
    System.arraycopy(k, off, key, 0, len);
    keyLength = len;
  }

  public void copyFrom(EntryFields o) {
    setKey(o.key, o.keyLength);
    flags = o.flags;
    dataOffset = o.dataOffset;
    storedLength = o.storedLength;
    originalLength = o.originalLength;
    codec = o.codec;
    dictionaryId = o.dictionaryId;
    checksum = o.checksum;
    mtimeMillis = o.mtimeMillis;
    mode = o.mode;
    metaOffset = o.metaOffset;
    metaLength = o.metaLength;
  }
}
