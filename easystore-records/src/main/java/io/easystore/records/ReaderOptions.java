package io.easystore.records;

import io.easystore.crypto.KeyProvider;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link RecordReader} treats limits, keys and damage. Immutable; the {@code with} methods
 * return copies. Thread-safe.
 */
public final class ReaderOptions {
  /** Default largest record accepted: 16 MiB. */
  public static final int DEFAULT_MAX_ITEM_SIZE = 16 << 20;
  /** Default largest page accepted (before or after compression): 32 MiB. */
  public static final int DEFAULT_MAX_PAGE_SIZE = 32 << 20;

  private static final ReaderOptions DEFAULTS = new ReaderOptions(DEFAULT_MAX_PAGE_SIZE, DEFAULT_MAX_ITEM_SIZE,
      null, false, false, e -> { });

  private final int maxPageSize;
  private final int maxItemSize;
  private final KeyProvider keys;
  private final boolean skipCorruptPages;
  private final boolean tolerateTornTail;
  private final Consumer<CorruptPageException> onSkip;

  private ReaderOptions(int maxPageSize, int maxItemSize, KeyProvider keys, boolean skipCorruptPages,
      boolean tolerateTornTail, Consumer<CorruptPageException> onSkip) {
    if (maxItemSize < 1 || maxPageSize < maxItemSize + Format.MAX_ENTRY_OVERHEAD + Format.TERMINATOR) {
      throw new IllegalArgumentException("need 1 <= maxItemSize and maxPageSize >= maxItemSize + 9, got "
          + maxItemSize + " and " + maxPageSize);
    }
    this.maxPageSize = maxPageSize;
    this.maxItemSize = maxItemSize;
    this.keys = keys;
    this.skipCorruptPages = skipCorruptPages;
    this.tolerateTornTail = tolerateTornTail;
    this.onSkip = Objects.requireNonNull(onSkip, "onSkip");
  }

  /** 32 MiB pages, 16 MiB records, no keys, fail on damage. */
  public static ReaderOptions defaults() {
    return DEFAULTS;
  }

  /** Largest page (entry stream, and stored payload less codec overhead) accepted. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** Largest record accepted. */
  public int maxItemSize() {
    return maxItemSize;
  }

  /** Where encrypted archives' keys come from, or {@code null}. */
  public KeyProvider keys() {
    return keys;
  }

  /** Whether damaged pages are skipped (reported to {@link #onSkip()}) instead of failing the read. */
  public boolean skipCorruptPages() {
    return skipCorruptPages;
  }

  /** Whether an incomplete last page ends the read quietly instead of with {@link TornTailException}. */
  public boolean tolerateTornTail() {
    return tolerateTornTail;
  }

  /** Told about every damaged region skipped, and about a tolerated torn tail. */
  public Consumer<CorruptPageException> onSkip() {
    return onSkip;
  }

  public ReaderOptions withMaxPageSize(int bytes) {
    return new ReaderOptions(bytes, maxItemSize, keys, skipCorruptPages, tolerateTornTail, onSkip);
  }

  public ReaderOptions withMaxItemSize(int bytes) {
    return new ReaderOptions(maxPageSize, bytes, keys, skipCorruptPages, tolerateTornTail, onSkip);
  }

  public ReaderOptions withKeys(KeyProvider provider) {
    return new ReaderOptions(maxPageSize, maxItemSize, provider, skipCorruptPages, tolerateTornTail, onSkip);
  }

  /**
   * Skip damaged pages: the reader scans forward at 16-byte steps for the next page whose magic,
   * header checksum, recorded offset and payload checksum all agree, as Azos does. Implies
   * tolerating a torn tail. A record the caller's type cannot decode is not damage and is never
   * skipped ({@link RecordDecodeException}).
   */
  public ReaderOptions withSkipCorruptPages(boolean skip) {
    return new ReaderOptions(maxPageSize, maxItemSize, keys, skip, tolerateTornTail || skip, onSkip);
  }

  public ReaderOptions withTolerateTornTail(boolean tolerate) {
    return new ReaderOptions(maxPageSize, maxItemSize, keys, skipCorruptPages, tolerate, onSkip);
  }

  public ReaderOptions withOnSkip(Consumer<CorruptPageException> listener) {
    return new ReaderOptions(maxPageSize, maxItemSize, keys, skipCorruptPages, tolerateTornTail, listener);
  }

  /** Largest stored payload that a page within {@link #maxPageSize()} can have. */
  long maxStoredSize() {
    // zstd's and deflate's worst-case expansion is well under 1/64 + 1 KiB; add nonce and tag.
    return (long) maxPageSize + maxPageSize / 64 + 1024 + 28;
  }
}
