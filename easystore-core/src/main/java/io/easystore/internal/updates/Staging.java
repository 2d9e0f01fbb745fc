package io.easystore.internal.updates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An updater's pending changes, keyed by index key. Views need immutable snapshots, and a file
 * system takes one after every change; copying every pending change each time would cost
 * O(changes) per view. Instead changes go to an active map that a snapshot freezes; frozen maps
 * are never changed again, and a new frozen map is merged (into a fresh copy) with older ones
 * while they are at most twice its size, so there are O(log n) frozen maps and each change is
 * copied O(log n) times overall.
 *
 * <p>{@link #UNSTAGED} marks a key whose change was undone in a newer map (for example a file
 * added and deleted again before a commit): lookups stop there and report "not staged".
 *
 * <p>Not thread-safe (the updater's thread); the snapshots it returns are immutable and thread-safe.
 */
// UNSTAGED is a sentinel: identity, not DeltaEntry.equals, tells it from a real tombstone.
@SuppressWarnings("ReferenceEquality")
final class Staging {
  static final DeltaEntry UNSTAGED = DeltaEntry.tombstone(new byte[0]);

  private NavigableMap<byte[], DeltaEntry> active = newMap();
  /** Frozen maps, newest first. */
  private List<NavigableMap<byte[], DeltaEntry>> frozen = new ArrayList<>();
  private Snapshot lastSnapshot;
  private boolean dirty;

  private static NavigableMap<byte[], DeltaEntry> newMap() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  /** The staged change of {@code key}, or null when the committed state stands. */
  DeltaEntry get(byte[] key) {
    DeltaEntry d = active.get(key);
    if (d == null) {
      for (NavigableMap<byte[], DeltaEntry> m : frozen) {
        d = m.get(key);
        if (d != null) {
          break;
        }
      }
    }
    return d == UNSTAGED ? null : d;
  }

  void put(DeltaEntry e) {
    active.put(e.key(), e);
    dirty = true;
    lastSnapshot = null;
  }

  /** Undoes any staged change of {@code key}. */
  void unstage(byte[] key) {
    active.put(key, UNSTAGED);
    lastSnapshot = null;
  }

  /** Whether anything was staged since the last {@link #clear()} (an over-estimate after undos). */
  boolean isDirty() {
    return dirty;
  }

  /** An immutable view of the changes as they stand. */
  Overlay snapshot() {
    if (lastSnapshot != null) {
      return lastSnapshot;
    }
    if (!active.isEmpty()) {
      NavigableMap<byte[], DeltaEntry> merged = active;
      List<NavigableMap<byte[], DeltaEntry>> older = new ArrayList<>(frozen);
      while (!older.isEmpty() && older.get(0).size() <= 2 * merged.size()) {
        NavigableMap<byte[], DeltaEntry> m = newMap();
        m.putAll(older.remove(0));
        m.putAll(merged);
        if (older.isEmpty()) {
          m.values().removeIf(v -> v == UNSTAGED);
        }
        merged = m;
      }
      older.add(0, merged);
      frozen = older;
      active = newMap();
    }
    lastSnapshot = new Snapshot(List.copyOf(frozen));
    return lastSnapshot;
  }

  /** Every change in key order, the newest of each key, undone ones left out. */
  NavigableMap<byte[], DeltaEntry> merged() {
    NavigableMap<byte[], DeltaEntry> m = newMap();
    for (int i = frozen.size() - 1; i >= 0; i--) {
      m.putAll(frozen.get(i));
    }
    m.putAll(active);
    m.values().removeIf(v -> v == UNSTAGED);
    return m;
  }

  void clear() {
    active = newMap();
    frozen = new ArrayList<>();
    lastSnapshot = null;
    dirty = false;
  }

  /** Frozen maps, newest first: the overlay a view reads through. */
  private static final class Snapshot implements Overlay {
    private final List<NavigableMap<byte[], DeltaEntry>> maps;
    private final int size;

    Snapshot(List<NavigableMap<byte[], DeltaEntry>> maps) {
      this.maps = maps;
      int n = 0;
      for (NavigableMap<byte[], DeltaEntry> m : maps) {
        n += m.size();
      }
      this.size = n;
    }

    @Override
    public DeltaEntry get(byte[] key) {
      for (NavigableMap<byte[], DeltaEntry> m : maps) {
        DeltaEntry d = m.get(key);
        if (d != null) {
          return d == UNSTAGED ? null : d;
        }
      }
      return null;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<DeltaEntry> from(byte[] key) {
      List<Iterator<Map.Entry<byte[], DeltaEntry>>> its = new ArrayList<>();
      for (NavigableMap<byte[], DeltaEntry> m : maps) {
        its.add(m.tailMap(key, true).entrySet().iterator());
      }
      return new Merge(its);
    }
  }

  /** Merges iterators in key order; the earliest iterator wins a key; undone keys are skipped. */
  private static final class Merge implements Iterator<DeltaEntry> {
    private final List<Iterator<Map.Entry<byte[], DeltaEntry>>> its;
    private final List<Map.Entry<byte[], DeltaEntry>> heads = new ArrayList<>();
    private DeltaEntry next;

    Merge(List<Iterator<Map.Entry<byte[], DeltaEntry>>> its) {
      this.its = its;
      for (int i = 0; i < its.size(); i++) {
        heads.add(advance(i));
      }
      next = compute();
    }

    private Map.Entry<byte[], DeltaEntry> advance(int i) {
      return its.get(i).hasNext() ? its.get(i).next() : null;
    }

    private DeltaEntry compute() {
      while (true) {
        int best = -1;
        for (int i = 0; i < heads.size(); i++) {
          Map.Entry<byte[], DeltaEntry> h = heads.get(i);
          if (h != null && (best < 0 || Arrays.compareUnsigned(h.getKey(), heads.get(best).getKey()) < 0)) {
            best = i;
          }
        }
        if (best < 0) {
          return null;
        }
        Map.Entry<byte[], DeltaEntry> win = heads.get(best);
        byte[] key = win.getKey();
        for (int i = 0; i < heads.size(); i++) {
          Map.Entry<byte[], DeltaEntry> h = heads.get(i);
          if (h != null && Arrays.equals(h.getKey(), key)) {
            heads.set(i, advance(i));
          }
        }
        if (win.getValue() != UNSTAGED) {
          return win.getValue();
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public DeltaEntry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      DeltaEntry out = next;
      next = compute();
      return out;
    }
  }
}
