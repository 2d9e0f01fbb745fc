package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.internal.io.FileLocationProvider;
import io.easystore.io.LocationOptions;
import io.easystore.io.LocationProvider;
import io.easystore.io.RangeSources;
import io.easystore.io.UnsupportedStorageException;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code file} and {@code http(s)} are providers registered like any other, not special cases. */
class LocationProvidersTest {

  @Test
  void builtInSchemesAreServiceLoaderProviders() {
    var providers = ServiceLoader.load(LocationProvider.class).stream().map(ServiceLoader.Provider::type).toList();
    assertThat(providers).contains(FileLocationProvider.class, HttpLocationProvider.class);
  }

  @Test
  void unknownSchemeIsATypedNotSupportedError() {
    assertThatThrownBy(() -> RangeSources.open(java.net.URI.create("nope://x/y")))
        .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("'nope'").hasMessageContaining("not supported");
    assertThatThrownBy(() -> RangeSources.create("http://127.0.0.1:1/x.des", LocationOptions.defaults()))
        .isInstanceOf(UnsupportedStorageException.class).hasMessageContaining("not supported");
  }
}
