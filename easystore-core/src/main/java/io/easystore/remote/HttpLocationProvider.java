package io.easystore.remote;


import io.easystore.io.Location;
import io.easystore.io.LocationOptions;
import io.easystore.io.LocationProvider;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * The built-in provider of {@code http:} and {@code https:} (read-only: range requests through
 * {@link HttpRangeSource}), registered in {@code META-INF/services} like any other provider.
 * Writing, locks and publishing throw {@link io.easystore.io.UnsupportedStorageException}.
 * Stateless and thread-safe.
 */
public final class HttpLocationProvider implements LocationProvider {
  /** For {@link java.util.ServiceLoader}; use {@link RangeSources} rather than this class. */
  public HttpLocationProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public Location location(URI directory, LocationOptions options) {
    return new HttpLocation(directory, RemoteOptions.from(options));
  }

  @Override
  public RangeSource open(URI uri, LocationOptions options) throws IOException {
    RemoteOptions o = RemoteOptions.from(options);
    return RemoteSources.cached(HttpRangeSource.open(uri, o), o);
  }
}
