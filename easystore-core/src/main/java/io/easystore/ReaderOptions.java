package io.easystore;

/**
 * Limits and tuning for opening containers. Limits protect against hostile files: a container
 * that asks for more is refused with a {@link LimitExceededException} naming the option, instead
 * of exhausting memory. Each default can also be raised process-wide with the system property
 * named in the component's description.
 *
 * @param maxEntries most index entries a reader accepts when it must hold them all in memory (a
 *     v1 index, or {@code listFiles}/{@code getIndex} on v2) ({@code easystore.maxEntries})
 * @param maxIndexBytes largest index it loads into memory ({@code easystore.maxIndexBytes})
 * @param maxMetaBytes largest metadata object it parses ({@code easystore.maxMetaBytes})
 * @param maxBatchBytes largest single merged read of a batch ({@code easystore.maxBatchBytes})
 * @param tailBytes how many bytes open reads from the end of the file in one request
 * @param pageCacheBytes most bytes of v2 index pages kept in memory between lookups; 0 keeps
 *     none, {@link Long#MAX_VALUE} pins every page once read ({@code easystore.pageCacheBytes})
 * @param verifyOnRead whether bodies read in full are checked against their v2 checksum
 * @param batchConcurrency how many merged reads of one {@code getFiles} batch run at once (1 reads
 *     them one after another); remote sources gain most, since each read is a round trip
 *     ({@code easystore.batchConcurrency}, default {@value #DEFAULT_BATCH_CONCURRENCY})
 * @param keys where the keys of encrypted containers come from (by the key id each container
 *     names); null when none are configured, which makes opening an encrypted container fail
 *     with a {@link io.easystore.crypto.KeyUnavailableException}
 */
public record ReaderOptions(
    long maxEntries, long maxIndexBytes, int maxMetaBytes, int maxBatchBytes, int tailBytes,
    long pageCacheBytes, boolean verifyOnRead, int batchConcurrency, io.easystore.crypto.KeyProvider keys) {

  /** The batch merge gap of the reference implementation: 1 MiB. */
  public static final long DEFAULT_MAX_GAP = 1 << 20;
  /** Default page cache: 8 MiB, a few hundred pages. */
  public static final long DEFAULT_PAGE_CACHE_BYTES = 8L << 20;
  /** Default number of merged batch reads in flight at once. */
  public static final int DEFAULT_BATCH_CONCURRENCY = 8;
  /** Most merged batch reads in flight at once. */
  public static final int MAX_BATCH_CONCURRENCY = 256;

  public ReaderOptions {
    positive("maxEntries", maxEntries);
    positive("maxIndexBytes", maxIndexBytes);
    positive("maxMetaBytes", maxMetaBytes);
    positive("maxBatchBytes", maxBatchBytes);
    if (tailBytes < 72) {
      throw new IllegalArgumentException("tailBytes must be at least 72 (one footer): " + tailBytes);
    }
    if (maxIndexBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxIndexBytes above 2 GiB is not supported: " + maxIndexBytes);
    }
    if (pageCacheBytes < 0) {
      throw new IllegalArgumentException("pageCacheBytes must not be negative: " + pageCacheBytes);
    }
    if (batchConcurrency < 1 || batchConcurrency > MAX_BATCH_CONCURRENCY) {
      throw new IllegalArgumentException(
          "batchConcurrency must be 1.." + MAX_BATCH_CONCURRENCY + ": " + batchConcurrency);
    }
  }

  /** Options without keys. */
  public ReaderOptions(long maxEntries, long maxIndexBytes, int maxMetaBytes, int maxBatchBytes, int tailBytes,
      long pageCacheBytes, boolean verifyOnRead, int batchConcurrency) {
    this(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes, verifyOnRead,
        batchConcurrency, null);
  }

  /** The options of the first DES v2 readers: batches use the default concurrency. */
  public ReaderOptions(long maxEntries, long maxIndexBytes, int maxMetaBytes, int maxBatchBytes, int tailBytes,
      long pageCacheBytes, boolean verifyOnRead) {
    this(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes, verifyOnRead,
        DEFAULT_BATCH_CONCURRENCY);
  }

  /** The options of the v1 era: default page cache, bodies verified on read. */
  public ReaderOptions(long maxEntries, long maxIndexBytes, int maxMetaBytes, int maxBatchBytes, int tailBytes) {
    this(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, DEFAULT_PAGE_CACHE_BYTES, true);
  }

  private static void positive(String what, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + v);
    }
  }

  /** Defaults, taking system-property overrides into account. */
  public static ReaderOptions defaults() {
    return new ReaderOptions(
        Long.getLong("easystore.maxEntries", 20_000_000L),
        Long.getLong("easystore.maxIndexBytes", 1L << 30),
        Integer.getInteger("easystore.maxMetaBytes", 16 << 20),
        Integer.getInteger("easystore.maxBatchBytes", 64 << 20),
        64 << 10,
        Long.getLong("easystore.pageCacheBytes", DEFAULT_PAGE_CACHE_BYTES),
        true,
        Integer.getInteger("easystore.batchConcurrency", DEFAULT_BATCH_CONCURRENCY));
  }

  public ReaderOptions withMaxEntries(long v) {
    return new ReaderOptions(v, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  public ReaderOptions withMaxIndexBytes(long v) {
    return new ReaderOptions(maxEntries, v, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  public ReaderOptions withMaxMetaBytes(int v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, v, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  public ReaderOptions withMaxBatchBytes(int v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, v, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  public ReaderOptions withTailBytes(int v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, v, pageCacheBytes,
        verifyOnRead, batchConcurrency, keys);
  }

  public ReaderOptions withPageCacheBytes(long v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, v,
        verifyOnRead, batchConcurrency, keys);
  }

  /** Keeps every index page once read: lookups stop doing index I/O, memory grows with the index. */
  public ReaderOptions withPinnedIndex() {
    return withPageCacheBytes(Long.MAX_VALUE);
  }

  /** Keys for encrypted containers, looked up by the key id a container names. */
  public ReaderOptions withKeys(io.easystore.crypto.KeyProvider v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, batchConcurrency, v);
  }

  public ReaderOptions withVerifyOnRead(boolean v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes, v,
        batchConcurrency, keys);
  }

  /** How many merged reads of one batch run at once; 1 reads them one after another. */
  public ReaderOptions withBatchConcurrency(int v) {
    return new ReaderOptions(maxEntries, maxIndexBytes, maxMetaBytes, maxBatchBytes, tailBytes, pageCacheBytes,
        verifyOnRead, v, keys);
  }
}
