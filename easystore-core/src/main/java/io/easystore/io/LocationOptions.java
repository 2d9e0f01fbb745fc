package io.easystore.io;

import java.util.Map;

/**
 * Settings a {@link LocationProvider} reads when it opens a location: string properties such as
 * {@code s3.endpoint}. RemoteOptions (package remote) is the full set for remote
 * storage (timeouts, retries, cache, tail size); a provider given plain options uses its defaults
 * with these properties. Implementations are immutable.
 */
public interface LocationOptions {

  /** Provider settings by name; never null. */
  Map<String, String> properties();

  /** No properties: every provider's defaults. */
  static LocationOptions defaults() {
    return Map::of;
  }
}
