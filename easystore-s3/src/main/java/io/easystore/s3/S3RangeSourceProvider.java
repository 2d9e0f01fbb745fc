package io.easystore.s3;

import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.LocationOptions;
import io.easystore.io.LocationProvider;
import io.easystore.io.RangeSource;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteSources;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Serves {@code s3://bucket/key} to {@link io.easystore.io.RangeSources#open} as a
 * {@link LocationProvider}. Settings come from {@link RemoteOptions#properties()}
 * ({@link S3Options#PROPERTIES}); {@code s3.partSize} sets the sink's part size in bytes.
 * Each source or sink gets its own client and closes it. Stateless and thread-safe.
 */
public final class S3RangeSourceProvider implements LocationProvider {
  /** For {@link java.util.ServiceLoader}; open {@code s3://} URIs through {@code RangeSources}. */
  public S3RangeSourceProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public Location location(URI directory, LocationOptions options) {
    return S3Prefix.parse(directory, RemoteOptions.from(options));
  }

  @Override
  public RangeSource open(URI uri, LocationOptions options) throws IOException {
    return open(S3Location.parse(uri), RemoteOptions.from(options));
  }

  @Override
  public ContainerSink create(URI uri, LocationOptions options) throws IOException {
    return create(S3Location.parse(uri), RemoteOptions.from(options));
  }

  static RangeSource open(S3Location location, RemoteOptions options) throws IOException {
    return RemoteSources.cached(S3RangeSource.open(location, S3Options.fromProperties(options.properties()), options),
        options);
  }

  static ContainerSink create(S3Location location, RemoteOptions options) throws IOException {
    S3Options s3 = S3Options.fromProperties(options.properties());
    String ps = options.properties().get("s3.partSize");
    int partSize;
    try {
      partSize = ps == null ? S3MultipartSink.DEFAULT_PART_SIZE : Integer.parseInt(ps.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("s3.partSize must be a number of bytes, got '" + ps + "'", e);
    }
    if (partSize < S3MultipartSink.MIN_PART_SIZE || partSize > S3MultipartSink.MAX_PART_SIZE) {
      throw new IllegalArgumentException("s3.partSize must be 5 MiB..1 GiB, got " + partSize);
    }
    return S3MultipartSink.createOwning(S3Clients.create(s3, options, location), location, partSize, options.retry());
  }
}
