package io.easystore;

import io.easystore.crypto.KeyProvider;
import java.util.Objects;

/**
 * Limits and tuning for opening containers. Limits protect against hostile files: a container
 * that asks for more is refused with a {@link LimitExceededException} naming the option, instead
 * of exhausting memory. Each default can also be raised process-wide with the system property
 * named in the accessor's description.
 *
 * <p>Build one with {@link #builder()} (or change a copy with {@link #toBuilder()}); the builder
 * checks each setting and {@link Builder#build()} rejects settings that contradict each other.
 * The {@code with...} methods are shorthands for a one-setting {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe; equal options compare equal.
 */
public final class ReaderOptions {

  /** The batch merge gap of the reference implementation: 1 MiB. */
  public static final long DEFAULT_MAX_GAP = 1 << 20;
  /** Default page cache: 8 MiB, a few hundred pages. */
  public static final long DEFAULT_PAGE_CACHE_BYTES = 8L << 20;
  /** Default number of merged batch reads in flight at once. */
  public static final int DEFAULT_BATCH_CONCURRENCY = 8;
  /** Most merged batch reads in flight at once. */
  public static final int MAX_BATCH_CONCURRENCY = 256;
  /** Smallest tail: one v2 footer. */
  private static final int MIN_TAIL_BYTES = 72;

  private final long maxEntries;
  private final long maxIndexBytes;
  private final int maxMetaBytes;
  private final int maxBatchBytes;
  private final int tailBytes;
  private final long pageCacheBytes;
  private final boolean verifyOnRead;
  private final int batchConcurrency;
  private final KeyProvider keys;

  private ReaderOptions(Builder b) {
    this.maxEntries = b.maxEntries;
    this.maxIndexBytes = b.maxIndexBytes;
    this.maxMetaBytes = b.maxMetaBytes;
    this.maxBatchBytes = b.maxBatchBytes;
    this.tailBytes = b.tailBytes;
    this.pageCacheBytes = b.pinnedIndex ? Long.MAX_VALUE : b.pageCacheBytes;
    this.verifyOnRead = b.verifyOnRead;
    this.batchConcurrency = b.batchConcurrency;
    this.keys = b.keys;
  }

  /** Defaults, taking system-property overrides into account. */
  public static ReaderOptions defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults (system-property overrides included): 20 million
   * entries, 1 GiB of index, 16 MiB of metadata, 64 MiB per merged batch read, a 64 KiB tail,
   * an 8 MiB page cache, bodies verified on read, 8 batch reads at once, no keys.
   *
   * @throws IllegalArgumentException if a system property holds a value the option refuses
   */
  public static Builder builder() {
    Builder b = new Builder();
    b.maxEntries(Long.getLong("easystore.maxEntries", 20_000_000L));
    b.maxIndexBytes(Long.getLong("easystore.maxIndexBytes", 1L << 30));
    b.maxMetaBytes(Integer.getInteger("easystore.maxMetaBytes", 16 << 20));
    b.maxBatchBytes(Integer.getInteger("easystore.maxBatchBytes", 64 << 20));
    b.tailBytes(64 << 10);
    b.pageCacheBytes(Long.getLong("easystore.pageCacheBytes", DEFAULT_PAGE_CACHE_BYTES));
    b.verifyOnRead(true);
    b.batchConcurrency(Integer.getInteger("easystore.batchConcurrency", DEFAULT_BATCH_CONCURRENCY));
    b.pageCacheSet = false;
    return b;
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxEntries = maxEntries;
    b.maxIndexBytes = maxIndexBytes;
    b.maxMetaBytes = maxMetaBytes;
    b.maxBatchBytes = maxBatchBytes;
    b.tailBytes = tailBytes;
    b.pageCacheBytes = pageCacheBytes;
    b.verifyOnRead = verifyOnRead;
    b.batchConcurrency = batchConcurrency;
    b.keys = keys;
    return b;
  }

  /**
   * Most index entries a reader accepts when it must hold them all in memory (a v1 index, or
   * {@code listFiles}/{@code getIndex} on v2) ({@code easystore.maxEntries}).
   */
  public long maxEntries() {
    return maxEntries;
  }

  /** Largest index it loads into memory ({@code easystore.maxIndexBytes}). */
  public long maxIndexBytes() {
    return maxIndexBytes;
  }

  /** Largest metadata object it parses ({@code easystore.maxMetaBytes}). */
  public int maxMetaBytes() {
    return maxMetaBytes;
  }

  /** Largest single merged read of a batch ({@code easystore.maxBatchBytes}). */
  public int maxBatchBytes() {
    return maxBatchBytes;
  }

  /** How many bytes open reads from the end of the file in one request. */
  public int tailBytes() {
    return tailBytes;
  }

  /**
   * Most bytes of v2 index pages kept in memory between lookups; 0 keeps none,
   * {@link Long#MAX_VALUE} pins every page once read ({@code easystore.pageCacheBytes}).
   */
  public long pageCacheBytes() {
    return pageCacheBytes;
  }

  /** Whether bodies read in full are checked against their v2 checksum. */
  public boolean verifyOnRead() {
    return verifyOnRead;
  }

  /**
   * How many merged reads of one {@code getFiles} batch run at once (1 reads them one after
   * another); remote sources gain most, since each read is a round trip
   * ({@code easystore.batchConcurrency}, default {@value #DEFAULT_BATCH_CONCURRENCY}).
   */
  public int batchConcurrency() {
    return batchConcurrency;
  }

  /**
   * Where the keys of encrypted containers come from (by the key id each container names); null
   * when none are configured, which makes opening an encrypted container fail with a
   * {@link io.easystore.crypto.KeyUnavailableException}.
   */
  public KeyProvider keys() {
    return keys;
  }

  public ReaderOptions withMaxEntries(long v) {
    return toBuilder().maxEntries(v).build();
  }

  public ReaderOptions withMaxIndexBytes(long v) {
    return toBuilder().maxIndexBytes(v).build();
  }

  public ReaderOptions withMaxMetaBytes(int v) {
    return toBuilder().maxMetaBytes(v).build();
  }

  public ReaderOptions withMaxBatchBytes(int v) {
    return toBuilder().maxBatchBytes(v).build();
  }

  public ReaderOptions withTailBytes(int v) {
    return toBuilder().tailBytes(v).build();
  }

  public ReaderOptions withPageCacheBytes(long v) {
    return toBuilder().pageCacheBytes(v).build();
  }

  /** Keeps every index page once read: lookups stop doing index I/O, memory grows with the index. */
  public ReaderOptions withPinnedIndex() {
    return toBuilder().pinnedIndex().build();
  }

  /** Keys for encrypted containers, looked up by the key id a container names. */
  public ReaderOptions withKeys(KeyProvider v) {
    return toBuilder().keys(v).build();
  }

  public ReaderOptions withVerifyOnRead(boolean v) {
    return toBuilder().verifyOnRead(v).build();
  }

  /** How many merged reads of one batch run at once; 1 reads them one after another. */
  public ReaderOptions withBatchConcurrency(int v) {
    return toBuilder().batchConcurrency(v).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReaderOptions r && maxEntries == r.maxEntries && maxIndexBytes == r.maxIndexBytes
        && maxMetaBytes == r.maxMetaBytes && maxBatchBytes == r.maxBatchBytes && tailBytes == r.tailBytes
        && pageCacheBytes == r.pageCacheBytes && verifyOnRead == r.verifyOnRead
        && batchConcurrency == r.batchConcurrency && Objects.equals(keys, r.keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  @Override
  public String toString() {
    return "ReaderOptions[maxEntries=" + maxEntries + ", maxIndexBytes=" + maxIndexBytes + ", maxMetaBytes="
        + maxMetaBytes + ", maxBatchBytes=" + maxBatchBytes + ", tailBytes=" + tailBytes + ", pageCacheBytes="
        + pageCacheBytes + ", verifyOnRead=" + verifyOnRead + ", batchConcurrency=" + batchConcurrency
        + ", keys=" + keys + "]";
  }

  /**
   * Collects settings for a {@link ReaderOptions}. Each setter rejects a value out of its range
   * with an {@link IllegalArgumentException}; {@link #build()} rejects settings that contradict
   * each other with one naming both. Not thread-safe; the options it builds are.
   */
  public static final class Builder {
    private long maxEntries;
    private long maxIndexBytes;
    private int maxMetaBytes;
    private int maxBatchBytes;
    private int tailBytes;
    private long pageCacheBytes;
    private boolean verifyOnRead;
    private int batchConcurrency;
    private KeyProvider keys;
    // Whether pageCacheBytes was set on this builder (not carried over), to catch it together with pinnedIndex.
    private boolean pageCacheSet;
    private boolean pinnedIndex;

    private Builder() {
    }

    /** Most entries held in memory at once (a v1 index, {@code listFiles}); positive. */
    public Builder maxEntries(long v) {
      maxEntries = positive("maxEntries", v);
      return this;
    }

    /** Largest index loaded into memory; positive, at most 2 GiB. */
    public Builder maxIndexBytes(long v) {
      positive("maxIndexBytes", v);
      if (v > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxIndexBytes above 2 GiB is not supported: " + v);
      }
      maxIndexBytes = v;
      return this;
    }

    /** Largest metadata object parsed; positive. */
    public Builder maxMetaBytes(int v) {
      maxMetaBytes = (int) positive("maxMetaBytes", v);
      return this;
    }

    /** Largest single merged read of a batch; positive. */
    public Builder maxBatchBytes(int v) {
      maxBatchBytes = (int) positive("maxBatchBytes", v);
      return this;
    }

    /** Bytes read from the end of the file when opening; at least 72 (one footer). */
    public Builder tailBytes(int v) {
      if (v < MIN_TAIL_BYTES) {
        throw new IllegalArgumentException("tailBytes must be at least " + MIN_TAIL_BYTES + " (one footer): " + v);
      }
      tailBytes = v;
      return this;
    }

    /** Bytes of index pages cached between lookups; 0 keeps none. Exclusive with {@link #pinnedIndex()}. */
    public Builder pageCacheBytes(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("pageCacheBytes must not be negative: " + v);
      }
      pageCacheBytes = v;
      pageCacheSet = true;
      return this;
    }

    /** Keeps every index page once read; exclusive with {@link #pageCacheBytes(long)}. */
    public Builder pinnedIndex() {
      pinnedIndex = true;
      return this;
    }

    /** Whether bodies read in full are checked against their checksum. */
    public Builder verifyOnRead(boolean v) {
      verifyOnRead = v;
      return this;
    }

    /** Merged batch reads in flight at once, 1 to {@value ReaderOptions#MAX_BATCH_CONCURRENCY}. */
    public Builder batchConcurrency(int v) {
      if (v < 1 || v > MAX_BATCH_CONCURRENCY) {
        throw new IllegalArgumentException("batchConcurrency must be 1.." + MAX_BATCH_CONCURRENCY + ": " + v);
      }
      batchConcurrency = v;
      return this;
    }

    /** Keys for encrypted containers; null for none. */
    public Builder keys(KeyProvider v) {
      keys = v;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if {@link #pinnedIndex()} and a finite
     *     {@link #pageCacheBytes(long)} were both set
     */
    public ReaderOptions build() {
      if (pinnedIndex && pageCacheSet && pageCacheBytes != Long.MAX_VALUE) {
        throw new IllegalArgumentException("pinnedIndex() and pageCacheBytes(" + pageCacheBytes + ") both size the"
            + " page cache; call only one of them");
      }
      return new ReaderOptions(this);
    }

    private static long positive(String what, long v) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be positive: " + v);
      }
      return v;
    }
  }
}
