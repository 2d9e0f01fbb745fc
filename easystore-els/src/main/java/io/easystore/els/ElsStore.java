package io.easystore.els;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A key-value store kept entirely in file names (ELS, "end-less space"): every file is empty and
 * its name carries a chunk of data. Buckets are directories named by a hash of the bucket name;
 * values are directories of name-encoded chunks written in atomically committed generations. See
 * docs/ELS.md for the layout, the guarantees and the costs.
 *
 * <p>Thread-safety: a store handle may be shared by threads; writes through one handle are
 * serialized. Any number of readers (threads or processes) may run beside one writer and see
 * each value either before or after a write, never a mix. Two writers on the same directory (two
 * handles or processes) are not supported.
 */
public interface ElsStore {

  /**
   * Opens the store in {@code root}, creating it if the directory is missing or empty and
   * {@link ElsOptions#create()} is set.
   *
   * @throws java.nio.file.NoSuchFileException if there is no store and creation is off
   * @throws io.easystore.CorruptContainerException if the directory is not an ELS store or is damaged
   * @throws io.easystore.UnsupportedVersionException if the store was written by a different format version
   */
  static ElsStore open(Path root, ElsOptions options) throws IOException {
    return FileElsStore.open(root, options);
  }

  /** The store's directory (absolute, normalized). */
  Path directory();

  /** The encoding recorded in the store (for new stores: the one from the options). */
  ElsEncoding encoding();

  /** The options this handle enforces. */
  ElsOptions options();

  /**
   * A handle on the bucket at {@code path} (empty list: the root bucket). Nothing is created until
   * a value is written; reading a bucket that does not exist gives no keys and no values.
   *
   * @throws io.easystore.LimitExceededException if the path is deeper than
   *     {@link ElsOptions#maxDepth()} or a name is longer than {@link ElsOptions#maxKeyBytes()}
   * @throws IllegalArgumentException if a name is not valid Unicode (an unpaired surrogate)
   */
  ElsBucket bucket(List<String> path) throws IOException;

  /** The root bucket. */
  default ElsBucket rootBucket() throws IOException {
    return bucket(List.of());
  }

  /**
   * Deletes the bucket at {@code path} with everything below it. The bucket disappears for readers
   * in one step (its commit markers are removed first); the files go afterwards.
   *
   * @return whether there was such a bucket
   * @throws IllegalArgumentException for the root, which cannot be deleted
   */
  boolean deleteBucket(List<String> path) throws IOException;
}
