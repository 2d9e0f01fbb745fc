package io.easystore.internal.io;

import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.LocationOptions;
import io.easystore.io.LocationProvider;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The built-in provider of {@code file:} URIs (and, through {@link RangeSources#open(String,
 * LocationOptions)}, of plain paths), registered in {@code META-INF/services} like any other.
 * Stateless and thread-safe.
 */
public final class FileLocationProvider implements LocationProvider {
  /** For {@link java.util.ServiceLoader}; use {@link RangeSources} rather than this class. */
  public FileLocationProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  @Override
  public Location location(URI directory, LocationOptions options) {
    return Location.of(Path.of(directory));
  }

  @Override
  public RangeSource open(URI uri, LocationOptions options) throws IOException {
    return RangeSources.file(Path.of(uri));
  }

  @Override
  public ContainerSink create(URI uri, LocationOptions options) throws IOException {
    return RangeSources.fileSink(Path.of(uri));
  }
}
