package io.easystore.internal.v2;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.EntryFields;
import java.util.Arrays;

/**
 * Chooses the index page size before the tree is built. It watches every sorted run, simulates
 * packing its entries into leaves of each candidate size (4 to 64 KiB) and estimates the root node
 * each would need. The smallest page whose root fits the tail keeps every lookup at one page
 * read; smaller pages mean fewer bytes per read. Merged runs front-code at least as well as
 * separate ones, so the estimate errs on the large side. Not thread-safe.
 */
public final class PageSizer implements EntrySorter.RunObserver {
  /** Page shift to use when no candidate keeps the tree at two levels: 16 KiB. */
  static final int FALLBACK_SHIFT = 14;
  private static final int CANDIDATES = V2Footer.MAX_PAGE_SHIFT - V2Footer.MIN_PAGE_SHIFT + 1;

  private final int checksumSize;
  private final ByteBuilder scratch = new ByteBuilder(128);
  private byte[] prevKey = new byte[64];
  private int prevKeyLength;
  private long indexInRun;
  private long base;
  private long totalBytes;
  private final long[] pageUsed = new long[CANDIDATES];
  private final long[] leaves = new long[CANDIDATES];
  private final long[] sepBytes = new long[CANDIDATES];
  private final byte[][] prevSep = new byte[CANDIDATES][];

  public PageSizer(int checksumSize) {
    this.checksumSize = checksumSize;
    Arrays.fill(prevSep, new byte[0]);
  }

  @Override
  public void sorted(EntryFields e) {
    boolean restart = indexInRun % PageFormat.RESTART_INTERVAL == 0;
    int shared = restart ? 0 : lcp(prevKey, prevKeyLength, e.key, e.keyLength);
    scratch.clear();
    scratch.varLong(shared).varLong(e.keyLength - shared);
    base = LeafCodec.encode(scratch, e, restart ? 0 : base, checksumSize, 0);
    long size = (long) scratch.size() + (e.keyLength - shared) + (restart ? 4 : 0);
    // A page starts with a full key: what a page break costs beyond the front-coded size.
    long fullSize = size + shared + (restart ? 0 : 4);
    totalBytes += size;
    for (int c = 0; c < CANDIDATES; c++) {
      int page = 1 << (V2Footer.MIN_PAGE_SHIFT + c);
      if (pageUsed[c] == 0) {
        pageUsed[c] = PageFormat.HEADER_SIZE + fullSize;
        leaves[c]++;
      } else if (pageUsed[c] + size > page) {
        int sepLen = Math.min(e.keyLength, lcp(prevKey, prevKeyLength, e.key, e.keyLength) + 1);
        int sepShared = lcp(prevSep[c], prevSep[c].length, e.key, sepLen);
        sepBytes[c] += ByteBuilder.varLongSize(sepShared) + ByteBuilder.varLongSize(sepLen - sepShared)
            + (sepLen - sepShared) + 1;
        prevSep[c] = Arrays.copyOf(e.key, sepLen);
        pageUsed[c] = PageFormat.HEADER_SIZE + fullSize;
        leaves[c]++;
      } else {
        pageUsed[c] += size;
      }
    }
    if (prevKey.length < e.keyLength) {
      prevKey = new byte[Math.max(e.keyLength, prevKey.length * 2)];
    }
    System.arraycopy(e.key, 0, prevKey, 0, e.keyLength);
    prevKeyLength = e.keyLength;
    indexInRun++;
  }

  @Override
  public void endRun() {
    indexInRun = 0;
    prevKeyLength = 0;
    Arrays.fill(pageUsed, 0);
  }

  /** Estimated bytes of a single leaf holding every entry. */
  long singleLeafBytes() {
    return PageFormat.HEADER_SIZE + totalBytes;
  }

  /** Estimated bytes of the root node over the leaves of candidate {@code shift}. */
  long rootBytes(int shift) {
    int c = shift - V2Footer.MIN_PAGE_SHIFT;
    long n = leaves[c];
    long groups = (n + PageFormat.RESTART_INTERVAL - 1) / PageFormat.RESTART_INTERVAL;
    return PageFormat.HEADER_SIZE + sepBytes[c] + n + groups * (4 + 5);
  }

  /** The page shift to build with, given the bytes a root node may take. */
  int choose(int rootBudget) {
    for (int shift = V2Footer.MIN_PAGE_SHIFT; shift <= V2Footer.MAX_PAGE_SHIFT; shift++) {
      if (rootBytes(shift) <= rootBudget * 4L / 5) {
        return shift;
      }
    }
    return FALLBACK_SHIFT;
  }

  private static int lcp(byte[] a, int alen, byte[] b, int blen) {
    int n = Math.min(alen, blen);
    int m = Arrays.mismatch(a, 0, n, b, 0, n);
    return m < 0 ? n : m;
  }
}
