package io.easystore.remote;

import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RangeSourceProvider} for the made-up scheme {@code testmem:}, registered in the test
 * resources' META-INF/services, proving that {@link RemoteSources} finds providers by
 * {@link java.util.ServiceLoader}.
 */
public final class TestMemoryProvider implements RangeSourceProvider {
  static final Map<String, byte[]> OBJECTS = new ConcurrentHashMap<>();
  static volatile RemoteOptions lastOptions;

  @Override
  public Set<String> schemes() {
    return Set.of("testmem");
  }

  @Override
  public RangeSource open(URI uri, RemoteOptions options) throws IOException {
    lastOptions = options;
    byte[] b = OBJECTS.get(uri.getSchemeSpecificPart());
    if (b == null) {
      throw new NoSuchFileException(uri.toString());
    }
    return RangeSources.memory(uri.toString(), b);
  }
}
