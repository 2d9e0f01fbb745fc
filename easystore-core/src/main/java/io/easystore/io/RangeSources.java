package io.easystore.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Factories for the local {@link RangeSource} implementations. */
public final class RangeSources {
  private RangeSources() {}

  /** Positional reads through a {@link java.nio.channels.FileChannel}. */
  public static RangeSource file(Path path) throws IOException {
    return new FileRangeSource(path);
  }

  /** Reads from a read-only memory mapping of the whole file (any size, in 1 GiB windows). */
  public static RangeSource mmap(Path path) throws IOException {
    return new MmapRangeSource(path);
  }

  /**
   * A sink that writes a temporary file beside {@code target} and renames it over the target on
   * publish. Closing without publishing deletes the temporary file.
   */
  public static ContainerSink fileSink(Path target) throws IOException {
    return new FileSink(target);
  }

  /**
   * Opens a local path ({@code file:} or no scheme), an {@code http(s)://} URL or a scheme served
   * by a {@link io.easystore.remote.RangeSourceProvider} such as {@code s3://bucket/key}; see
   * {@link io.easystore.remote.RemoteSources#open(URI, io.easystore.remote.RemoteOptions)}.
   */
  public static RangeSource open(URI uri, io.easystore.remote.RemoteOptions options) throws IOException {
    return io.easystore.remote.RemoteSources.open(uri, options);
  }

  /**
   * The local file behind {@code source} ({@link RangeSource#localPath()}, so also through
   * {@link ForwardingRangeSource} wrappers), or null for a remote or in-memory source. Updatable
   * containers use it to find their lock file.
   */
  public static Path localPath(RangeSource source) {
    return source.localPath().orElse(null);
  }

  /**
   * The path of sibling {@code relativeKey} of the local container {@code container}: in its
   * directory or below, never elsewhere.
   *
   * @throws IllegalArgumentException if the key breaks the {@link SiblingKeys} rule
   */
  static Path siblingPath(Path container, String relativeKey) {
    SiblingKeys.check(relativeKey);
    Path dir = container.toAbsolutePath().normalize().getParent();
    Path p = dir;
    for (String segment : relativeKey.split("/", -1)) {
      p = p.resolve(segment);
    }
    p = p.normalize();
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException("sibling key '" + relativeKey + "' leaves " + dir);
    }
    return p;
  }

  /** Reads from a byte array; the array is not copied and must not change afterwards. */
  public static RangeSource memory(String name, byte[] bytes) {
    return new MemoryRangeSource(name, bytes);
  }
}
