package io.easystore.remote;

import io.easystore.io.Location;
import io.easystore.testing.JettyFileServer;
import io.easystore.testing.LocationContract;
import io.easystore.io.RangeSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Location} contract for an HTTP base URL (read-only) served by Jetty. */
class HttpLocationContractTest extends LocationContract {
  @TempDir static Path root;
  static JettyFileServer jetty;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Override
  protected Location location() throws Exception {
    String dir = "loc" + COUNTER.incrementAndGet();
    Files.createDirectories(root.resolve(dir));
    return RangeSources.location(jetty.uri(dir + "/").toString(), RemoteOptions.defaults());
  }

  @Override
  protected void put(Location location, String name, byte[] content) throws Exception {
    String dir = java.net.URI.create(location.name()).getPath();
    Path p = root.resolve(dir.substring(1)).resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  @Override
  protected boolean writable() {
    return false;
  }
}
