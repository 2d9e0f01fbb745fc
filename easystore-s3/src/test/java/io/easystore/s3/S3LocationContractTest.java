package io.easystore.s3;

import io.easystore.io.Location;
import io.easystore.testing.LocationContract;
import io.easystore.io.RangeSources;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link Location} contract for an S3 key prefix against S3Proxy: writable, no locks. */
class S3LocationContractTest extends LocationContract {
  static S3ProxyServer s3;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("locations");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Override
  protected Location location() throws Exception {
    return RangeSources.location("s3://locations/loc" + COUNTER.incrementAndGet() + "/", s3.providerOptions());
  }

  @Override
  protected void put(Location location, String name, byte[] content) {
    URI u = URI.create(location.name());
    s3.put(S3Location.of("locations", u.getPath().substring(1) + name), content);
  }
}
