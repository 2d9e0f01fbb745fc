package io.easystore.internal.updates;

import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v2.KeyCursor;
import io.easystore.internal.v2.V2Index;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Walks the union of an overlay and several indexes in key order; where a key occurs in more than
 * one, the newest wins (the overlay, then the indexes in the order given). Tombstones are
 * returned like any entry ({@link EntryFields#isDeleted()}); callers skip them. With k layers a
 * step costs O(k) key comparisons.
 *
 * <p>Not thread-safe: one per walk.
 */
final class MergeCursor implements KeyCursor {
  private final Overlay overlay;
  private final V2Index.Cursor[] cursors;
  private final boolean[] valid;
  private Iterator<DeltaEntry> staged;
  private DeltaEntry stagedHead;
  private final EntryFields current = new EntryFields();
  private DeltaEntry currentStaged;
  private boolean positioned;

  MergeCursor(Overlay overlay, V2Index[] indexes) {
    this.overlay = overlay;
    this.cursors = new V2Index.Cursor[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      cursors[i] = indexes[i].cursor();
    }
    this.valid = new boolean[indexes.length];
  }

  /** The winning entry at the position: valid until the next move. */
  @Override
  public EntryFields fields() {
    return current;
  }

  /** The overlay entry the position comes from, or null when it comes from an index. */
  DeltaEntry staged() {
    return currentStaged;
  }

  /** Positions on the first key at least {@code key}; false when there is none. */
  @Override
  public boolean seek(byte[] key) throws IOException {
    if (overlay != null) {
      staged = overlay.from(key);
      stagedHead = staged.hasNext() ? staged.next() : null;
    }
    for (int i = 0; i < cursors.length; i++) {
      valid[i] = cursors[i].seekCeil(key);
    }
    return pick();
  }

  /** Moves past every layer's entry of the current key; false at the end. */
  @Override
  public boolean next() throws IOException {
    if (!positioned) {
      return false;
    }
    byte[] key = current.keyCopy();
    if (stagedHead != null && Arrays.equals(stagedHead.key(), key)) {
      stagedHead = staged.hasNext() ? staged.next() : null;
    }
    for (int i = 0; i < cursors.length; i++) {
      EntryFields f = cursors[i].fields();
      if (valid[i] && Arrays.equals(f.key, 0, f.keyLength, key, 0, key.length)) {
        valid[i] = cursors[i].next();
      }
    }
    return pick();
  }

  private boolean pick() {
    int best = -1;
    byte[] bestKey = null;
    int bestLen = 0;
    if (stagedHead != null) {
      bestKey = stagedHead.key();
      bestLen = bestKey.length;
      best = -2;
    }
    for (int i = 0; i < cursors.length; i++) {
      if (!valid[i]) {
        continue;
      }
      EntryFields f = cursors[i].fields();
      if (bestKey == null || Arrays.compareUnsigned(f.key, 0, f.keyLength, bestKey, 0, bestLen) < 0) {
        best = i;
        bestKey = f.key;
        bestLen = f.keyLength;
      }
    }
    if (bestKey == null) {
      positioned = false;
      currentStaged = null;
      return false;
    }
    positioned = true;
    if (best == -2) {
      currentStaged = stagedHead;
      stagedHead.into(current, 0);
    } else {
      currentStaged = null;
      current.copyFrom(cursors[best].fields());
    }
    return true;
  }
}
