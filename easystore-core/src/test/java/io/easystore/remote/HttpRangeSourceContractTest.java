package io.easystore.remote;

import io.easystore.testing.JettyFileServer;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract for {@link HttpRangeSource} against Jetty, with requests capped at 16 KiB so long
 * reads are split and {@code readFully} has to loop.
 */
class HttpRangeSourceContractTest extends RangeSourceContract {
  @TempDir static Path root;
  static JettyFileServer jetty;

  static RemoteOptions options() {
    return RemoteOptions.defaults()
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
        .withMaxRequestBytes(16 * 1024);
  }

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Override
  protected RangeSource open(byte[] content) throws Exception {
    return HttpRangeSource.open(jetty.publish(content), options());
  }
}
