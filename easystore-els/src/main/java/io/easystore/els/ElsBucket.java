package io.easystore.els;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A bucket of an {@link ElsStore}: a directory of values and child buckets, each known by its
 * original name. Handles are cheap, immutable and as thread-safe as their store.
 *
 * <p>Values are byte arrays; the store copies what it is given and returns fresh arrays the
 * caller owns.
 */
public interface ElsBucket {

  /** The bucket names from the root to this bucket. */
  List<String> path();

  /** The child bucket {@code name} (not created until written to). */
  ElsBucket bucket(String name) throws IOException;

  /** Whether this bucket exists (the root always does). */
  boolean exists() throws IOException;

  /**
   * Writes {@code value} under {@code key}, replacing any value atomically: readers see the old
   * value until the new one is complete, and a crash leaves one or the other. A new key is placed
   * after all existing entries; a replaced one keeps its place.
   */
  void put(String key, byte[] value) throws IOException;

  /**
   * Appends {@code more} to the value under {@code key} (creating it if missing) without
   * rewriting what is stored: the appended part becomes visible atomically.
   */
  void append(String key, byte[] more) throws IOException;

  /** The value under {@code key}, or empty if there is none. */
  Optional<byte[]> get(String key) throws IOException;

  /** Deletes the value under {@code key}; returns whether there was one. */
  boolean delete(String key) throws IOException;

  /** Keys of the values in this bucket, in the order they were first written. */
  List<String> keys() throws IOException;

  /** Names of the child buckets, in the order they were created. */
  List<String> buckets() throws IOException;

  /** Values and child buckets together, in order. */
  List<ElsEntry> entries() throws IOException;
}
