package io.easystore.records;

import java.io.Closeable;
import java.io.IOException;
import java.util.UUID;

/**
 * Collects (key, bookmark) pairs, for example from the bookmarks {@link RecordWriter#append}
 * returns, and writes the sorted index when closed (to a temporary file published atomically).
 * Pairs are held in memory until then, about 60 bytes plus the key each. Not thread-safe.
 */
public interface KeyIndexWriter extends Closeable {

  /** Adds a key already encoded with {@link KeyType}'s rules for this index's type. */
  void addEncoded(byte[] key, Bookmark at);

  /** Adds a string key (string indexes only). */
  default void add(String key, Bookmark at) {
    check(KeyType.STRING);
    addEncoded(KeyType.encode(key), at);
  }

  /** Adds a long key (long indexes only). */
  default void add(long key, Bookmark at) {
    check(KeyType.LONG);
    addEncoded(KeyType.encode(key), at);
  }

  /** Adds a UUID key (uuid indexes only). */
  default void add(UUID key, Bookmark at) {
    check(KeyType.UUID);
    addEncoded(KeyType.encode(key), at);
  }

  KeyType keyType();

  private void check(KeyType t) {
    if (keyType() != t) {
      throw new IllegalArgumentException("this index has " + keyType().label() + " keys, not " + t.label());
    }
  }

  /** Discards everything; nothing is published. Idempotent. */
  void abort() throws IOException;

  /** Sorts, writes and publishes the index, unless aborted. */
  @Override
  void close() throws IOException;
}
