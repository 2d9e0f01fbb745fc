package io.easystore.records;

import io.easystore.crypto.KeyProvider;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link RecordReader} treats limits, keys and damage. Build one with {@link #builder()}
 * (or change a copy with {@link #toBuilder()}); {@link Builder#build()} rejects limits that do
 * not fit together and contradicting damage settings with an {@link IllegalArgumentException}
 * saying what to change. The {@code with} methods are shorthands for a {@code toBuilder()} round
 * trip. Immutable and thread-safe (the {@link #onSkip()} listener must be thread-safe itself
 * when readers are shared); equal options compare equal.
 */
public final class ReaderOptions {
  /** Default largest record accepted: 16 MiB. */
  public static final int DEFAULT_MAX_ITEM_SIZE = 16 << 20;
  /** Default largest page accepted (before or after compression): 32 MiB. */
  public static final int DEFAULT_MAX_PAGE_SIZE = 32 << 20;

  /** The default skip listener, one instance so that default options compare equal. */
  private static final Consumer<CorruptPageException> IGNORE = ReaderOptions::ignoreSkipped;

  // After IGNORE: the builder's default listener must exist when DEFAULTS is built.
  private static final ReaderOptions DEFAULTS = builder().build();

  /** A skipped page is counted in the scan result, nothing more. */
  private static void ignoreSkipped(CorruptPageException e) {}

  private final int maxPageSize;
  private final int maxItemSize;
  private final KeyProvider keys;
  private final boolean skipCorruptPages;
  private final boolean tolerateTornTail;
  private final Consumer<CorruptPageException> onSkip;

  private ReaderOptions(Builder b, boolean tolerateTornTail) {
    this.maxPageSize = b.maxPageSize;
    this.maxItemSize = b.maxItemSize;
    this.keys = b.keys;
    this.skipCorruptPages = b.skipCorruptPages;
    this.tolerateTornTail = tolerateTornTail;
    this.onSkip = b.onSkip;
  }

  /** 32 MiB pages, 16 MiB records, no keys, fail on damage. */
  public static ReaderOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxPageSize = maxPageSize;
    b.maxItemSize = maxItemSize;
    b.keys = keys;
    b.skipCorruptPages = skipCorruptPages;
    b.carriedTolerateTornTail = tolerateTornTail;
    b.onSkip = onSkip;
    return b;
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
    return toBuilder().maxPageSize(bytes).build();
  }

  public ReaderOptions withMaxItemSize(int bytes) {
    return toBuilder().maxItemSize(bytes).build();
  }

  public ReaderOptions withKeys(KeyProvider provider) {
    return toBuilder().keys(provider).build();
  }

  /** See {@link Builder#skipCorruptPages(boolean)}; turning it on also tolerates a torn tail. */
  public ReaderOptions withSkipCorruptPages(boolean skip) {
    return toBuilder().skipCorruptPages(skip).build();
  }

  public ReaderOptions withTolerateTornTail(boolean tolerate) {
    return toBuilder().tolerateTornTail(tolerate).build();
  }

  public ReaderOptions withOnSkip(Consumer<CorruptPageException> listener) {
    return toBuilder().onSkip(listener).build();
  }

  /** Largest stored payload that a page within {@link #maxPageSize()} can have. */
  long maxStoredSize() {
    // zstd's and deflate's worst-case expansion is well under 1/64 + 1 KiB; add nonce and tag.
    return (long) maxPageSize + maxPageSize / 64 + 1024 + 28;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReaderOptions r && maxPageSize == r.maxPageSize && maxItemSize == r.maxItemSize
        && Objects.equals(keys, r.keys) && skipCorruptPages == r.skipCorruptPages
        && tolerateTornTail == r.tolerateTornTail && onSkip.equals(r.onSkip);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxPageSize, maxItemSize, keys, skipCorruptPages, tolerateTornTail, onSkip);
  }

  @Override
  public String toString() {
    return "ReaderOptions[maxPageSize=" + maxPageSize + ", maxItemSize=" + maxItemSize + ", keys=" + keys
        + ", skipCorruptPages=" + skipCorruptPages + ", tolerateTornTail=" + tolerateTornTail + "]";
  }

  /** Collects settings for a {@link ReaderOptions}. Not thread-safe; the options it builds are. */
  public static final class Builder {
    private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
    private int maxItemSize = DEFAULT_MAX_ITEM_SIZE;
    private KeyProvider keys;
    private boolean skipCorruptPages;
    // Set on this builder (null: not set), else the carried-over value (or what skipping implies).
    private Boolean tolerateTornTail;
    private boolean carriedTolerateTornTail;
    private Consumer<CorruptPageException> onSkip = IGNORE;

    private Builder() {
    }

    /** Largest page accepted; at least {@code maxItemSize + 9}. */
    public Builder maxPageSize(int bytes) {
      maxPageSize = bytes;
      return this;
    }

    /** Largest record accepted; at least 1, at most {@code maxPageSize - 9}. */
    public Builder maxItemSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxItemSize must be at least 1, got " + bytes);
      }
      maxItemSize = bytes;
      return this;
    }

    /** Keys for encrypted archives; null for none. */
    public Builder keys(KeyProvider provider) {
      keys = provider;
      return this;
    }

    /**
     * Skip damaged pages: the reader scans forward at 16-byte steps for the next page whose magic,
     * header checksum, recorded offset and payload checksum all agree, as Azos does. Implies
     * tolerating a torn tail. A record the caller's type cannot decode is not damage and is never
     * skipped ({@link RecordDecodeException}).
     */
    public Builder skipCorruptPages(boolean skip) {
      skipCorruptPages = skip;
      return this;
    }

    /** End quietly at an incomplete last page; cannot be turned off while skipping damaged pages. */
    public Builder tolerateTornTail(boolean tolerate) {
      tolerateTornTail = tolerate;
      return this;
    }

    /** Told about every damaged region skipped and a tolerated torn tail. */
    public Builder onSkip(Consumer<CorruptPageException> listener) {
      onSkip = Objects.requireNonNull(listener, "onSkip");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a page could not hold the largest record, or damaged
     *     pages are skipped while a torn tail is not tolerated
     */
    public ReaderOptions build() {
      long needed = (long) maxItemSize + Format.MAX_ENTRY_OVERHEAD + Format.TERMINATOR;
      if (maxPageSize < needed) {
        throw new IllegalArgumentException("need 1 <= maxItemSize and maxPageSize >= maxItemSize + 9, got "
            + maxItemSize + " and " + maxPageSize + ": raise maxPageSize to at least " + needed
            + " or lower maxItemSize");
      }
      if (skipCorruptPages && Boolean.FALSE.equals(tolerateTornTail)) {
        throw new IllegalArgumentException("skipCorruptPages(true) also tolerates a torn tail, but"
            + " tolerateTornTail(false) is set: leave tolerateTornTail(false) out, or do not skip damaged pages");
      }
      boolean tolerate = tolerateTornTail != null ? tolerateTornTail : carriedTolerateTornTail || skipCorruptPages;
      return new ReaderOptions(this, tolerate);
    }
  }
}
