package io.easystore.records;

import io.easystore.CorruptContainerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * Splits a list of page headers in halves (at page boundaries) and decodes pages as it goes. The
 * sizes are exact when damage is not skipped, since headers record their record counts. One
 * instance is used by one thread at a time, as the {@link Spliterator} contract says.
 */
final class PageSpliterator<T> implements Spliterator<Entry<T>> {
  private final ArchiveReader reader;
  private final RecordType<T> type;
  private final List<PageHeader> pages;
  /** cumulative[i] = records in pages[0, i). */
  private final long[] cumulative;
  private int lo;
  private final int hi;
  private LoadedPage current;
  private int idx;

  PageSpliterator(ArchiveReader reader, RecordType<T> type, List<PageHeader> pages) {
    this(reader, type, pages, prefixSums(pages), 0, pages.size(), null, 0);
  }

  private PageSpliterator(ArchiveReader reader, RecordType<T> type, List<PageHeader> pages, long[] cumulative,
      int lo, int hi, LoadedPage current, int idx) {
    this.reader = reader;
    this.type = type;
    this.pages = pages;
    this.cumulative = cumulative;
    this.lo = lo;
    this.hi = hi;
    this.current = current;
    this.idx = idx;
  }

  private static long[] prefixSums(List<PageHeader> pages) {
    long[] c = new long[pages.size() + 1];
    for (int i = 0; i < pages.size(); i++) {
      c[i + 1] = c[i] + pages.get(i).entryCount();
    }
    return c;
  }

  @Override
  public boolean tryAdvance(Consumer<? super Entry<T>> action) {
    try {
      while (true) {
        if (current != null && idx < current.count()) {
          Entry<T> e = reader.entry(current, idx++, type);
          if (e != null) {
            action.accept(e);
            return true;
          }
          continue;
        }
        if (lo >= hi) {
          current = null;
          return false;
        }
        current = load(pages.get(lo++));
        idx = 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private LoadedPage load(PageHeader h) throws IOException {
    try {
      return reader.walker().decode(h);
    } catch (CorruptContainerException e) {
      if (!reader.options().skipCorruptPages()) {
        throw e;
      }
      Bookmark b = e instanceof CorruptPageException cpe ? cpe.bookmark() : null;
      reader.options().onSkip().accept(new CorruptPageException(reader.name(), h.offset(), b,
          lo < pages.size() ? pages.get(lo).offset() : CorruptPageException.NONE, PageWalker.problem(e), e));
      return null;
    }
  }

  @Override
  public Spliterator<Entry<T>> trySplit() {
    int n = hi - lo;
    if (n < 2) {
      return null;
    }
    int mid = lo + n / 2;
    // The prefix takes the partly read page too, so encounter order is kept.
    PageSpliterator<T> prefix = new PageSpliterator<>(reader, type, pages, cumulative, lo, mid, current, idx);
    lo = mid;
    current = null;
    idx = 0;
    return prefix;
  }

  @Override
  public long estimateSize() {
    long inCurrent = current == null ? 0 : current.count() - idx;
    return cumulative[hi] - cumulative[lo] + inCurrent;
  }

  @Override
  public int characteristics() {
    int c = ORDERED | NONNULL | IMMUTABLE;
    return reader.options().skipCorruptPages() ? c : c | SIZED | SUBSIZED;
  }
}
