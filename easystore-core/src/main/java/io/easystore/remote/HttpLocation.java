package io.easystore.remote;


import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.RangeSource;
import io.easystore.internal.io.SiblingKeys;
import io.easystore.io.UnsupportedStorageException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * A base URL whose objects are read with range requests. Read-only: {@link #create} (and the
 * lock, lease and publish defaults) throw {@link UnsupportedStorageException}. Thread-safe and
 * immutable.
 */
final class HttpLocation implements Location {
  private final URI base;
  private final RemoteOptions options;

  HttpLocation(URI base, RemoteOptions options) {
    Objects.requireNonNull(base, "base");
    String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    this.base = base.resolve(path.endsWith("/") ? path : path + "/");
    this.options = Objects.requireNonNull(options, "options");
  }

  private URI uriOf(String name) {
    SiblingKeys.check(name);
    try {
      return base.resolve(new URI(null, null, name, null).getRawPath());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid name: " + name, e);
    }
  }

  @Override
  public String name() {
    return base.toString();
  }

  @Override
  public RangeSource open(String name) throws IOException {
    return RemoteSources.cached(HttpRangeSource.open(uriOf(name), options), options);
  }

  @Override
  public ContainerSink create(String name) throws IOException {
    throw new UnsupportedStorageException("writing containers over HTTP is not supported: " + uriOf(name));
  }

  @Override
  public Location resolve(String relative) {
    return new HttpLocation(uriOf(relative), options);
  }

  @Override
  public Optional<Location> parent() {
    return base.getRawPath().equals("/") ? Optional.empty() : Optional.of(new HttpLocation(base.resolve(".."), options));
  }

  @Override
  public String toString() {
    return "HttpLocation[" + base + "]";
  }
}
