package io.easystore.io;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Serves the URI schemes of one kind of storage, found with {@link java.util.ServiceLoader}: list
 * the implementation in {@code META-INF/services/io.easystore.io.LocationProvider}. {@code file}
 * and {@code http(s)} are built in and registered the same way as {@code s3} (easystore-s3);
 * {@link RangeSources#open(URI, LocationOptions)} dispatches only through providers.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface LocationProvider {

  /** The lower-case URI schemes handled, for example {@code s3}. */
  Set<String> schemes();

  /** The location (directory, base URL, prefix) {@code directory} names. */
  Location location(URI directory, LocationOptions options) throws IOException;

  /** Opens the object {@code uri} for reading (with any caching {@code options} ask for). */
  RangeSource open(URI uri, LocationOptions options) throws IOException;

  /**
   * A sink that publishes a container at {@code uri}.
   *
   * @throws UnsupportedStorageException for read-only storage
   */
  default ContainerSink create(URI uri, LocationOptions options) throws IOException {
    throw new UnsupportedStorageException("writing to " + uri.getScheme() + ": locations is not supported");
  }
}
