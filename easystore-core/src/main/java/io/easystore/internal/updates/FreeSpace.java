package io.easystore.internal.updates;

import io.easystore.internal.updates.CommitRecord.Extent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The free extents of a container: space no committed state refers to, each with the generation
 * that freed it. Allocation is best fit (the smallest extent that is large enough, lowest offset
 * among equals) among extents freed at or before a limit (see
 * {@link io.easystore.internal.io.LockFiles#guard}); the rest of a split extent stays free. Freed runs
 * merge with their neighbours and keep the newer generation. Space below {@code protectedEnd}
 * (what existed before the container's lock file, see {@link io.easystore.internal.updates.CommitRecord})
 * is never handed out, so it is only counted ({@link #unlisted()}), not listed: the commit record
 * stays small however much of the original container is deleted. O(log n) per operation.
 *
 * <p>Not thread-safe: the updater's thread owns it.
 */
final class FreeSpace {
  private static final Comparator<Extent> BY_SIZE =
      Comparator.comparingLong(Extent::length).thenComparingLong(Extent::offset);

  private final TreeMap<Long, Extent> byOffset = new TreeMap<>();
  private final TreeSet<Extent> bySize = new TreeSet<>(BY_SIZE);
  private final long protectedEnd;
  private long bytes;

  private long unlisted;

  FreeSpace(List<Extent> extents, long protectedEnd) {
    this.protectedEnd = protectedEnd;
    for (Extent e : extents) {
      free(e.offset(), e.length(), e.freedAt());
    }
  }

  /** Bytes freed below {@code protectedEnd} since this object was made: dead, counted, not listed. */
  long unlisted() {
    return unlisted;
  }

  long protectedEnd() {
    return protectedEnd;
  }

  private void add(Extent e) {
    byOffset.put(e.offset(), e);
    if (e.offset() >= protectedEnd) {
      bySize.add(e);
    }
    bytes += e.length();
  }

  private void remove(Extent e) {
    byOffset.remove(e.offset());
    bySize.remove(e);
    bytes -= e.length();
  }

  long bytes() {
    return bytes;
  }

  int count() {
    return byOffset.size();
  }

  /**
   * Takes {@code length} bytes from an extent freed at or before {@code maxFreedAt}; returns the
   * offset, or -1 when none fits.
   */
  long allocate(long length, long maxFreedAt) {
    if (length <= 0 || maxFreedAt <= 0) {
      return -1;
    }
    // Every extent starts at or after the header (32), so this probe sorts first among its length.
    Extent probe = new Extent(32, length, 1);
    for (Extent e = bySize.ceiling(probe); e != null; e = bySize.higher(e)) {
      if (e.freedAt() <= maxFreedAt) {
        remove(e);
        if (e.length() > length) {
          add(new Extent(e.offset() + length, e.length() - length, e.freedAt()));
        }
        return e.offset();
      }
    }
    return -1;
  }

  /**
   * Takes {@code length} bytes at or after {@code minOffset} from the lowest extent there that is
   * large enough and freed at or before {@code maxFreedAt} (first fit: such extents are few, they
   * lie after every body); returns the offset, or -1.
   */
  long allocateFrom(long length, long maxFreedAt, long minOffset) {
    if (length <= 0 || maxFreedAt <= 0) {
      return -1;
    }
    minOffset = Math.max(minOffset, protectedEnd);
    Map.Entry<Long, Extent> straddle = byOffset.lowerEntry(minOffset);
    if (straddle != null && straddle.getKey() >= protectedEnd && straddle.getValue().end() - minOffset >= length
        && straddle.getValue().freedAt() <= maxFreedAt) {
      Extent e = straddle.getValue();
      remove(e);
      add(new Extent(e.offset(), minOffset - e.offset(), e.freedAt()));
      if (e.end() > minOffset + length) {
        add(new Extent(minOffset + length, e.end() - minOffset - length, e.freedAt()));
      }
      return minOffset;
    }
    for (Extent e : byOffset.tailMap(minOffset, true).values()) {
      if (e.length() >= length && e.freedAt() <= maxFreedAt) {
        remove(e);
        if (e.length() > length) {
          add(new Extent(e.offset() + length, e.length() - length, e.freedAt()));
        }
        return e.offset();
      }
    }
    return -1;
  }

  /** Whether some allocatable extent (whatever its generation) is at least {@code length} long. */
  boolean fits(long length) {
    return length > 0 && bySize.ceiling(new Extent(32, length, 1)) != null;
  }

  /** Marks {@code [offset, offset + length)} free since {@code freedAt}. It must not be free already. */
  void free(long offset, long length, long freedAt) {
    if (length <= 0) {
      return;
    }
    if (offset + length <= protectedEnd) {
      unlisted += length;
    } else if (offset < protectedEnd) {
      unlisted += protectedEnd - offset;
      freePart(protectedEnd, offset + length - protectedEnd, freedAt);
    } else {
      freePart(offset, length, freedAt);
    }
  }

  private boolean sameSide(long a, long b) {
    return (a < protectedEnd) == (b < protectedEnd);
  }

  private void freePart(long offset, long length, long freedAt) {
    long start = offset;
    long end = offset + length;
    long gen = freedAt;
    Map.Entry<Long, Extent> below = byOffset.floorEntry(offset);
    if (below != null && below.getValue().end() > offset) {
      throw new IllegalStateException("[" + offset + ", " + end + ") is already partly free: " + below.getValue());
    }
    Map.Entry<Long, Extent> above = byOffset.ceilingEntry(offset);
    if (above != null && above.getKey() < end) {
      throw new IllegalStateException("[" + offset + ", " + end + ") is already partly free: " + above.getValue());
    }
    if (below != null && below.getValue().end() == offset && sameSide(below.getKey(), offset)) {
      remove(below.getValue());
      start = below.getKey();
      gen = Math.max(gen, below.getValue().freedAt());
    }
    if (above != null && above.getKey() == end && sameSide(above.getKey(), offset)) {
      remove(above.getValue());
      end = above.getValue().end();
      gen = Math.max(gen, above.getValue().freedAt());
    }
    add(new Extent(start, end - start, gen));
  }

  /** Drops the smallest extents until at most {@code max} remain; returns the bytes dropped. */
  long capTo(int max) {
    long dropped = 0;
    if (byOffset.size() <= max) {
      return 0;
    }
    List<Extent> all = new ArrayList<>(byOffset.values());
    all.sort(BY_SIZE);
    for (int i = 0; i < all.size() - max; i++) {
      remove(all.get(i));
      dropped += all.get(i).length();
    }
    return dropped;
  }

  /** The extents in offset order. */
  List<Extent> list() {
    return new ArrayList<>(byOffset.values());
  }
}
