package io.easystore.internal.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups byte ranges so that ranges at most {@code maxGap} apart are fetched with one read, and
 * no single read exceeds {@code maxGroupBytes} unless one range alone does. Pure and thread-safe.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  /** A requested range; {@code id} is the caller's index into its own request list. */
  public record Range(int id, long offset, long length) {
    public Range {
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException("negative range " + offset + "+" + length);
      }
    }

    long end() {
      return offset + length;
    }
  }

  /** One read covering {@code [start, end)} that serves {@code members}. */
  public record Group(long start, long end, List<Range> members) {
    public long length() {
      return end - start;
    }
  }

  public static List<Group> plan(List<Range> ranges, long maxGap, long maxGroupBytes) {
    if (maxGap < 0) {
      throw new IllegalArgumentException("maxGap must not be negative: " + maxGap);
    }
    Range[] sorted = ranges.toArray(new Range[0]);
    Arrays.sort(sorted, Comparator.comparingLong(Range::offset).thenComparingLong(Range::end));
    List<Group> groups = new ArrayList<>();
    int i = 0;
    while (i < sorted.length) {
      long start = sorted[i].offset();
      long end = sorted[i].end();
      List<Range> members = new ArrayList<>();
      members.add(sorted[i++]);
      while (i < sorted.length) {
        Range next = sorted[i];
        long newEnd = Math.max(end, next.end());
        if (next.offset() - end > maxGap || newEnd - start > maxGroupBytes) {
          break;
        }
        end = newEnd;
        members.add(next);
        i++;
      }
      groups.add(new Group(start, end, List.copyOf(members)));
    }
    return groups;
  }
}
