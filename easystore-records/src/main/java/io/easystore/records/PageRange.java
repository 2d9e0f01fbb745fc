package io.easystore.records;

import java.io.Serializable;

/**
 * A run of whole pages: those whose offsets lie in {@code [start, end)}. {@code start} is always
 * a page offset. Ranges from {@link RecordReader#split} cover every page exactly once, so they can
 * be shipped to other threads, processes or cluster tasks (the class is {@link Serializable}: two
 * longs) and read independently with {@link RecordReader#stream(RecordType, PageRange)}.
 *
 * @param start offset of the first page
 * @param end offset just past the last page's padding (the next page's offset, or the end of data)
 */
public record PageRange(long start, long end) implements Serializable {
  public PageRange {
    if (start < 0 || end < start || (start & 15) != 0) {
      throw new IllegalArgumentException("bad page range [" + start + ", " + end + ")");
    }
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
