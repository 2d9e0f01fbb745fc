package io.easystore.records;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * A secondary index over one archive: keys to bookmarks. A lookup reads the 64-byte footer and one
 * block per tree level (plus following leaves when a key has many records), never the whole index.
 * Open one with {@link KeyIndexes#open}. Thread-safe; results belong to the caller.
 */
public interface KeyIndex extends Closeable {

  /** The indexed archive's id; lookups against another archive are refused. */
  UUID archiveId();

  /** What was indexed (for example the JSON field name). */
  String keyName();

  KeyType keyType();

  /** Number of (key, bookmark) pairs. */
  long entries();

  /** Bookmarks of the records with this encoded key, in bookmark order. */
  List<Bookmark> lookupEncoded(byte[] key) throws IOException;

  /** Bookmarks for a key given as text, parsed according to {@link #keyType()}. */
  default List<Bookmark> lookup(String key) throws IOException {
    return lookupEncoded(keyType().parse(key));
  }

  /** Bookmarks for a long key. */
  default List<Bookmark> lookup(long key) throws IOException {
    if (keyType() != KeyType.LONG) {
      throw new IllegalArgumentException("this index has " + keyType().label() + " keys");
    }
    return lookupEncoded(KeyType.encode(key));
  }

  /** The records with this key, read from {@code reader} without a scan. */
  default <T> List<Entry<T>> find(RecordReader reader, String key, RecordType<T> type) throws IOException {
    if (!reader.metadata().archiveId().equals(archiveId())) {
      throw new IllegalArgumentException("index " + keyName() + " belongs to archive " + archiveId()
          + ", not " + reader.metadata().archiveId() + " (" + reader.name() + ")");
    }
    return reader.getAll(lookup(key), type);
  }
}
