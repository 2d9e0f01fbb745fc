package io.easystore.remote;

import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Opens locations of other URI schemes (for example {@code s3://} from {@code easystore-s3}),
 * found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.easystore.remote.RangeSourceProvider}. Lets the core open such
 * locations without depending on their modules.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface RangeSourceProvider {

  /** The lower-case URI schemes handled, for example {@code s3}. */
  Set<String> schemes();

  /**
   * Opens {@code uri} for reading. Provider settings come from {@link RemoteOptions#properties()};
   * caching is added by the caller ({@link RemoteSources}).
   */
  RangeSource open(URI uri, RemoteOptions options) throws IOException;

  /** Creates a sink that publishes a container at {@code uri}; read-only schemes need not support it. */
  default ContainerSink createSink(URI uri, RemoteOptions options) throws IOException {
    throw new IOException("writing to " + uri.getScheme() + ": locations is not supported");
  }
}
