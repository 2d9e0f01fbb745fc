package io.easystore.remote;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Opens a container wherever it lives: a local path, a {@code file:} URI, an {@code http(s)://}
 * URL, or any scheme a {@link RangeSourceProvider} on the class path handles (such as
 * {@code s3://bucket/key} with {@code easystore-s3}).
 */
public final class RemoteSources {
  // Two or more letters, so a Windows drive letter (C:\...) stays a path.
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

  private RemoteSources() {}

  /** A local path, or a URI with a scheme ({@code s3://b/k}, {@code https://h/p}, {@code file:/p}). */
  public static RangeSource open(String location, RemoteOptions options) throws IOException {
    Objects.requireNonNull(location, "location");
    if (SCHEME.matcher(location).matches()) {
      return open(URI.create(location), options);
    }
    return RangeSources.file(Path.of(location));
  }

  /**
   * Opens {@code uri}: no scheme or {@code file} as a local file, {@code http}/{@code https} with
   * {@link HttpRangeSource}, anything else through a {@link RangeSourceProvider}. Remote sources
   * are wrapped in a {@link CachingRangeSource} when {@code options} has a cache.
   *
   * @throws IOException if no provider handles the scheme (the message says which module to add)
   */
  public static RangeSource open(URI uri, RemoteOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    String scheme = scheme(uri);
    if (scheme.isEmpty()) {
      return RangeSources.file(Path.of(uri.getPath()));
    }
    if (scheme.equals("file")) {
      return RangeSources.file(Path.of(uri));
    }
    RangeSource source = scheme.equals("http") || scheme.equals("https")
        ? HttpRangeSource.open(uri, options)
        : provider(scheme).open(uri, options);
    if (options.cache() != null && source instanceof RemoteRangeSource remote) {
      return CachingRangeSource.wrap(remote, options.cache(), options.blockSize());
    }
    return source;
  }

  /** A sink for a local path or a URI whose provider supports writing (such as {@code s3://}). */
  public static ContainerSink createSink(String location, RemoteOptions options) throws IOException {
    Objects.requireNonNull(location, "location");
    if (!SCHEME.matcher(location).matches()) {
      return RangeSources.fileSink(Path.of(location));
    }
    URI uri = URI.create(location);
    String scheme = scheme(uri);
    if (scheme.equals("file")) {
      return RangeSources.fileSink(Path.of(uri));
    }
    if (scheme.equals("http") || scheme.equals("https")) {
      throw new IOException("writing containers over plain HTTP is not supported: " + location);
    }
    return provider(scheme).createSink(uri, options);
  }

  /** The request counters of a remote source, looking through a {@link CachingRangeSource}. */
  public static Optional<RequestStats.Snapshot> requestStats(RangeSource source) {
    return source.requestStats();
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static RangeSourceProvider provider(String scheme) throws IOException {
    for (RangeSourceProvider p : ServiceLoader.load(RangeSourceProvider.class)) {
      if (p.schemes().contains(scheme)) {
        return p;
      }
    }
    String hint = scheme.equals("s3") ? " (add the easystore-s3 module to the class path)" : "";
    throw new IOException("no RangeSourceProvider for URI scheme '" + scheme + "'" + hint);
  }
}
