package io.easystore.els;

import java.util.Objects;

/**
 * How an ELS store is created and which limits its readers and writers enforce. Immutable; use
 * {@link #defaults()} and the {@code with...} methods.
 *
 * <p>{@code encoding} applies only when a store is created; an existing store keeps the encoding
 * recorded in its marker name. The limits apply to every operation of the store handle.
 *
 * @param encoding how bytes are spelled in names of a new store
 * @param maxNameBytes longest file name the writer creates, in bytes (255 on ext4, XFS, btrfs,
 *     NTFS, APFS); 40..4096
 * @param maxDepth most bucket names in a path (the root is depth 0); 1..1024. Every level adds 34
 *     bytes to the paths the writer creates, and operating systems limit whole paths (4096 bytes
 *     on Linux, 260 characters on Windows without long-path support)
 * @param maxKeyBytes longest key or bucket name, in UTF-8 bytes; 1..1,048,576
 * @param maxValueBytes largest value a reader assembles in memory; 0..2,147,483,639
 * @param sync whether writers force directories to disk before and after each commit marker, so
 *     that a crash or power loss never leaves a committed value with missing chunks
 * @param create whether {@link ElsStore#open} creates a missing or empty directory as a new store
 */
public record ElsOptions(
    ElsEncoding encoding,
    int maxNameBytes,
    int maxDepth,
    int maxKeyBytes,
    long maxValueBytes,
    boolean sync,
    boolean create) {

  /** Longest name on common file systems. */
  public static final int DEFAULT_MAX_NAME_BYTES = 255;
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_KEY_BYTES = 4096;
  public static final long DEFAULT_MAX_VALUE_BYTES = 256L << 20;
  /** Directory names take 34 bytes; a little more leaves room for chunk payloads. */
  public static final int MIN_NAME_BYTES = 40;
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  public ElsOptions {
    Objects.requireNonNull(encoding, "encoding");
    check("maxNameBytes", maxNameBytes, MIN_NAME_BYTES, 4096);
    check("maxDepth", maxDepth, 1, 1024);
    check("maxKeyBytes", maxKeyBytes, 1, 1 << 20);
    check("maxValueBytes", maxValueBytes, 0, MAX_ARRAY);
  }

  private static void check(String what, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ", got " + v);
    }
  }

  /** Base64url names of up to 255 bytes, depth 64, keys up to 4 KiB, values up to 256 MiB, synced, created if missing. */
  public static ElsOptions defaults() {
    return new ElsOptions(ElsEncoding.BASE64URL, DEFAULT_MAX_NAME_BYTES, DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES, true, true);
  }

  public ElsOptions withEncoding(ElsEncoding e) {
    return new ElsOptions(e, maxNameBytes, maxDepth, maxKeyBytes, maxValueBytes, sync, create);
  }

  /** Base32 names, for file systems or tools that fold case. */
  public ElsOptions withCaseInsensitive(boolean caseInsensitive) {
    return withEncoding(caseInsensitive ? ElsEncoding.BASE32 : ElsEncoding.BASE64URL);
  }

  public ElsOptions withMaxNameBytes(int n) {
    return new ElsOptions(encoding, n, maxDepth, maxKeyBytes, maxValueBytes, sync, create);
  }

  public ElsOptions withMaxDepth(int n) {
    return new ElsOptions(encoding, maxNameBytes, n, maxKeyBytes, maxValueBytes, sync, create);
  }

  public ElsOptions withMaxKeyBytes(int n) {
    return new ElsOptions(encoding, maxNameBytes, maxDepth, n, maxValueBytes, sync, create);
  }

  public ElsOptions withMaxValueBytes(long n) {
    return new ElsOptions(encoding, maxNameBytes, maxDepth, maxKeyBytes, n, sync, create);
  }

  public ElsOptions withSync(boolean s) {
    return new ElsOptions(encoding, maxNameBytes, maxDepth, maxKeyBytes, maxValueBytes, s, create);
  }

  public ElsOptions withCreate(boolean c) {
    return new ElsOptions(encoding, maxNameBytes, maxDepth, maxKeyBytes, maxValueBytes, sync, c);
  }
}
