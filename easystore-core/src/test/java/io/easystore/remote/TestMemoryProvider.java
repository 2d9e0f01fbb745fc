package io.easystore.remote;

import io.easystore.io.Location;
import io.easystore.io.LocationOptions;
import io.easystore.io.LocationProvider;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LocationProvider} for the made-up scheme {@code testmem:}, registered in the test
 * resources' META-INF/services, proving that {@link RangeSources} finds providers by
 * {@link java.util.ServiceLoader}.
 */
public final class TestMemoryProvider implements LocationProvider {
  static final Map<String, byte[]> OBJECTS = new ConcurrentHashMap<>();
  static volatile RemoteOptions lastOptions;

  @Override
  public Set<String> schemes() {
    return Set.of("testmem");
  }

  @Override
  public Location location(URI directory, LocationOptions options) throws IOException {
    throw new IOException("testmem: has no directories");
  }

  @Override
  public RangeSource open(URI uri, LocationOptions options) throws IOException {
    lastOptions = RemoteOptions.from(options);
    byte[] b = OBJECTS.get(uri.getSchemeSpecificPart());
    if (b == null) {
      throw new NoSuchFileException(uri.toString());
    }
    return RangeSources.memory(uri.toString(), b);
  }
}
