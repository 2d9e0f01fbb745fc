package io.easystore.els;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One directory listing, parsed: the record's generations and segments, the child directories
 * and the store marker. Names keep the spelling the file system returned, so they can be deleted
 * even where case was folded. Mutable while it is filled, then only read; confined to one thread.
 */
final class Listing {
  final TreeMap<Long, Generation> generations = new TreeMap<>();
  final List<Names.Child> children = new ArrayList<>();
  final List<Names.StoreMarker> storeMarkers = new ArrayList<>();
  /** Names that are not ELS names (left alone, except when a whole directory is removed). */
  final List<String> foreign = new ArrayList<>();
  /** Problems that a concurrent writer could cause; reported only if they persist. */
  final List<String> problems = new ArrayList<>();

  static final class Generation {
    final TreeMap<Integer, Segment> segments = new TreeMap<>();
  }

  static final class Segment {
    Names.Marker marker;
    final Map<Integer, Names.Chunk> chunks = new HashMap<>();
  }

  void add(Names.Parsed p) {
    if (p instanceof Names.Chunk c) {
      Segment s = segment(c.gen(), c.seg());
      Names.Chunk prev = s.chunks.putIfAbsent(c.idx(), c);
      if (prev != null) {
        problems.add("two chunks with index " + c.idx() + " in generation " + c.gen()
            + " segment " + c.seg() + ": '" + prev.name() + "' and '" + c.name() + "'");
      }
    } else if (p instanceof Names.Marker m) {
      Segment s = segment(m.gen(), m.seg());
      if (s.marker != null) {
        problems.add("two commit markers for generation " + m.gen() + " segment " + m.seg());
      }
      s.marker = m;
    } else if (p instanceof Names.Child c) {
      children.add(c);
    } else if (p instanceof Names.StoreMarker m) {
      storeMarkers.add(m);
    }
  }

  private Segment segment(long gen, int seg) {
    return generations.computeIfAbsent(gen, g -> new Generation())
        .segments.computeIfAbsent(seg, s -> new Segment());
  }

  /** The highest generation number present, committed or not; 0 if none. */
  long maxGeneration() {
    return generations.isEmpty() ? 0 : generations.lastKey();
  }

  /** The highest generation whose segment 0 has a commit marker, or -1. */
  long committedGeneration() {
    for (Map.Entry<Long, Generation> e : generations.descendingMap().entrySet()) {
      Segment s0 = e.getValue().segments.get(0);
      if (s0 != null && s0.marker != null) {
        return e.getKey();
      }
    }
    return -1;
  }

  boolean isEmpty() {
    return generations.isEmpty() && children.isEmpty() && storeMarkers.isEmpty() && foreign.isEmpty();
  }
}
