package io.easystore.archive;

/**
 * Bounds and policy for importing archives, which are often not ours: every bound fails the import
 * with a {@link io.easystore.LimitExceededException} that says how to raise it. Immutable.
 *
 * @param maxEntries most archive entries read
 * @param maxBytes most bytes of file contents written, all entries together
 * @param maxRatio most bytes written per byte of the archive file, enforced once more than
 *     {@link #RATIO_FLOOR} bytes were written (a decompression bomb expands far beyond any real
 *     archive)
 * @param strict fail on the first entry that cannot be imported safely (an absolute path, a
 *     {@code ..} segment, a link, a device, a duplicate) instead of skipping it with a message
 * @param keys keys for an encrypted DES container being imported; null when none are given
 */
public record ImportOptions(long maxEntries, long maxBytes, long maxRatio, boolean strict,
    io.easystore.crypto.KeyProvider keys) {
  /** The ratio is not checked below this many bytes written: 64 MiB. */
  public static final long RATIO_FLOOR = 64L << 20;

  public ImportOptions {
    if (maxEntries < 1 || maxBytes < 1 || maxRatio < 1) {
      throw new IllegalArgumentException("import limits must be positive: entries " + maxEntries + ", bytes "
          + maxBytes + ", ratio " + maxRatio);
    }
  }

  /** Options without keys. */
  public ImportOptions(long maxEntries, long maxBytes, long maxRatio, boolean strict) {
    this(maxEntries, maxBytes, maxRatio, strict, null);
  }

  /** 50 million entries, 1 TiB, a ratio of 1000, unsafe entries skipped. */
  public static ImportOptions defaults() {
    return new ImportOptions(50_000_000L, 1L << 40, 1000, false);
  }

  /** Keys for reading an encrypted DES container. */
  public ImportOptions withKeys(io.easystore.crypto.KeyProvider v) {
    return new ImportOptions(maxEntries, maxBytes, maxRatio, strict, v);
  }

  public ImportOptions withMaxEntries(long v) {
    return new ImportOptions(v, maxBytes, maxRatio, strict, keys);
  }

  public ImportOptions withMaxBytes(long v) {
    return new ImportOptions(maxEntries, v, maxRatio, strict, keys);
  }

  public ImportOptions withMaxRatio(long v) {
    return new ImportOptions(maxEntries, maxBytes, v, strict, keys);
  }

  public ImportOptions withStrict(boolean v) {
    return new ImportOptions(maxEntries, maxBytes, maxRatio, v, keys);
  }
}
