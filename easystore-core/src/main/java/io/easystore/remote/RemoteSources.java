package io.easystore.remote;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.io.RequestStats;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Remote conveniences over {@link RangeSources}, which opens every location through its
 * {@link io.easystore.io.LocationProvider} ({@code file} and {@code http(s)} built in, {@code s3}
 * from easystore-s3), and the caching step providers share.
 */
public final class RemoteSources {
  private RemoteSources() {}

  /** {@link RangeSources#open(String, io.easystore.io.LocationOptions)}. */
  public static RangeSource open(String location, RemoteOptions options) throws IOException {
    return RangeSources.open(location, options);
  }

  /** {@link RangeSources#open(URI, io.easystore.io.LocationOptions)}. */
  public static RangeSource open(URI uri, RemoteOptions options) throws IOException {
    return RangeSources.open(uri, options);
  }

  /** {@link RangeSources#create(String, io.easystore.io.LocationOptions)}. */
  public static ContainerSink createSink(String location, RemoteOptions options) throws IOException {
    return RangeSources.create(location, options);
  }

  /** The request counters of a remote source, through any wrappers ({@link RangeSource#requestStats()}). */
  public static Optional<RequestStats.Snapshot> requestStats(RangeSource source) {
    return source.requestStats();
  }

  /**
   * {@code source} behind a {@link CachingRangeSource} when {@code options} has a cache, else
   * {@code source} itself; what every remote provider does with a freshly opened source.
   */
  public static RangeSource cached(RemoteRangeSource source, RemoteOptions options) throws IOException {
    return options.cache() == null ? source : CachingRangeSource.wrap(source, options.cache(), options.blockSize());
  }
}
