package io.easystore.s3;

import io.easystore.io.ContainerSink;
import io.easystore.testing.ContainerSinkContract;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link ContainerSink} contract for {@link S3MultipartSink} against S3Proxy, across a part boundary. */
class S3MultipartSinkContractTest extends ContainerSinkContract {
  static S3ProxyServer s3;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private String prefix;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("sinks");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Override
  protected ContainerSink create(String name) {
    prefix = "run" + COUNTER.incrementAndGet() + "/";
    return S3MultipartSink.create(s3.admin, S3Location.of("sinks", prefix + name), S3MultipartSink.MIN_PART_SIZE,
        S3ProxyServer.OPTIONS.retry());
  }

  @Override
  protected Optional<byte[]> visible(String name) {
    S3Location loc = S3Location.of("sinks", prefix + name);
    if (!s3.exists(loc)) {
      return Optional.empty();
    }
    return Optional.of(s3.admin.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
  }

  @Override
  protected int contentSize() {
    return S3MultipartSink.MIN_PART_SIZE + 12_345;
  }
}
