package io.easystore.remote;

import io.easystore.testing.JettyFileServer;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract for HTTP through {@link CachingRangeSource} with 64 KiB blocks in memory and on disk. */
class CachingHttpRangeSourceContractTest extends RangeSourceContract {
  @TempDir static Path root;
  @TempDir static Path cacheDir;
  static JettyFileServer jetty;
  static BlockCache cache;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFileServer(root);
    cache = BlockCaches.tiered(BlockCaches.memory(1 << 20), BlockCaches.disk(cacheDir, 8 << 20));
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Override
  protected RangeSource open(byte[] content) throws Exception {
    RemoteOptions options = RemoteOptions.defaults()
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
        .withCache(cache, RemoteOptions.DEFAULT_BLOCK_SIZE);
    RangeSource s = RemoteSources.open(jetty.publish(content), options);
    if (!(s instanceof CachingRangeSource)) {
      throw new AssertionError("expected a caching source, got " + s);
    }
    return s;
  }
}
