package io.easystore.internal.updates;

import java.util.Iterator;

/**
 * Entries held in memory on top of a container's committed layers: an updater's pending changes,
 * which its views read through (see {@link CommitState#reader}). Keys are v2 index keys, ordered
 * as unsigned bytes; a tombstone hides the key in every layer below.
 *
 * <p>Implementations must be immutable (a view is a snapshot) and thread-safe.
 */
public interface Overlay {

  /** The entry with exactly this key, or null. The caller does not change the returned entry's arrays. */
  DeltaEntry get(byte[] key);

  /** Entries whose keys are at least {@code key}, in ascending key order. */
  Iterator<DeltaEntry> from(byte[] key);

  /** The number of entries (tombstones included). */
  int size();
}
