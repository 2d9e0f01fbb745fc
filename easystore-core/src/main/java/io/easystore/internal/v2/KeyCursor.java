package io.easystore.internal.v2;

import io.easystore.internal.common.EntryFields;
import java.io.IOException;

/**
 * A walk over index entries in key order: one v2 index, or several layers merged. Not
 * thread-safe: one per walk. {@link #fields()} is valid until the next move.
 */
public interface KeyCursor {
  /** Positions on the first entry whose key is at least {@code key}; false when there is none. */
  boolean seek(byte[] key) throws IOException;

  /** Moves to the next entry; false at the end. */
  boolean next() throws IOException;

  EntryFields fields();
}
