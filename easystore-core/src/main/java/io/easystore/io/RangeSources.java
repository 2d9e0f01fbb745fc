package io.easystore.io;

import io.easystore.internal.io.SiblingKeys;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/** Factories for the local {@link RangeSource} implementations. Stateless and thread-safe. */
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

  // Two or more letters, so a Windows drive letter (C:\...) stays a path.
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

  /**
   * Opens {@code uri} through the {@link LocationProvider} of its scheme: {@code file:} (and a URI
   * with no scheme, as a local path) and {@code http(s)://} are built in, {@code s3://bucket/key}
   * comes with easystore-s3. Remote sources are cached when {@code options} (RemoteOptions) has a
   * cache.
   *
   * @throws UnsupportedStorageException if no provider handles the scheme (the message says which
   *     module to add)
   */
  public static RangeSource open(URI uri, LocationOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    String scheme = scheme(uri);
    if (scheme.isEmpty()) {
      return file(Path.of(uri.getPath()));
    }
    return provider(scheme).open(uri, options);
  }

  /** {@link #open(URI, LocationOptions)} with every provider's defaults. */
  public static RangeSource open(URI uri) throws IOException {
    return open(uri, LocationOptions.defaults());
  }

  /** A local path, or a URI with a scheme ({@code s3://b/k}, {@code https://h/p}, {@code file:/p}). */
  public static RangeSource open(String location, LocationOptions options) throws IOException {
    Objects.requireNonNull(location, "location");
    return SCHEME.matcher(location).matches() ? open(URI.create(location), options) : file(Path.of(location));
  }

  /** A sink for a local path or a URI whose provider supports writing (such as {@code s3://}). */
  public static ContainerSink create(String location, LocationOptions options) throws IOException {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(options, "options");
    if (!SCHEME.matcher(location).matches()) {
      return fileSink(Path.of(location));
    }
    URI uri = URI.create(location);
    return provider(scheme(uri)).create(uri, options);
  }

  /** The {@link Location} {@code directory} names: a local path or a URI of a provider's scheme. */
  public static Location location(String directory, LocationOptions options) throws IOException {
    Objects.requireNonNull(directory, "directory");
    if (!SCHEME.matcher(directory).matches()) {
      return Location.of(Path.of(directory));
    }
    URI uri = URI.create(directory);
    return provider(scheme(uri)).location(uri, options);
  }

  // The providers on the core's own class path, loaded on first use and kept (every open looks
  // them up). Not a static initializer: a provider that fails to load fails that call, not the class.
  private static volatile java.util.List<LocationProvider> own;

  private static java.util.List<LocationProvider> own() {
    java.util.List<LocationProvider> o = own;
    if (o == null) {
      o = ServiceLoader.load(LocationProvider.class, RangeSources.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get).toList();
      own = o;
    }
    return o;
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** The provider of {@code scheme}, from the class path (the built-in ones included). */
  static LocationProvider provider(String scheme) throws IOException {
    for (LocationProvider p : own()) {
      if (p.schemes().contains(scheme)) {
        return p;
      }
    }
    // Providers only the caller's context class loader sees (an application server, a plugin).
    for (LocationProvider p : ServiceLoader.load(LocationProvider.class)) {
      if (p.schemes().contains(scheme)) {
        return p;
      }
    }
    String hint = scheme.equals("s3") ? " (add the easystore-s3 module to the class path)" : "";
    throw new UnsupportedStorageException("no LocationProvider for URI scheme '" + scheme + "'" + hint
        + ": not supported");
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

  /** One positional read, as {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}. */
  @FunctionalInterface
  public interface PositionalRead {
    int read(ByteBuffer dst, long position) throws IOException;
  }

  /**
   * A source over the first {@code size} bytes of something read positionally (a channel the
   * caller owns: closing the source does nothing). Reads never pass {@code size}, even if the file
   * has grown since. Thread-safe if {@code read} is.
   */
  public static RangeSource positional(String name, long size, PositionalRead read) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(read, "read");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    return new RangeSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long size() {
        return size;
      }

      @Override
      public int read(long position, ByteBuffer dst) throws IOException {
        return bounded(size, position, dst, read);
      }

      @Override
      public void close() {
        // The caller owns what is read.
      }
    };
  }

  /** {@code read} at {@code position}, limited to the first {@code size} bytes; -1 at or past them. */
  static int bounded(long size, long position, ByteBuffer dst, PositionalRead read) throws IOException {
    if (position >= size) {
      return -1;
    }
    int limit = dst.limit();
    if (dst.remaining() > size - position) {
      dst.limit(dst.position() + (int) (size - position));
    }
    try {
      return read.read(dst, position);
    } finally {
      dst.limit(limit);
    }
  }

  /** Reads from a byte array; the array is not copied and must not change afterwards. */
  public static RangeSource memory(String name, byte[] bytes) {
    return new MemoryRangeSource(name, bytes);
  }
}
