package io.easystore.s3;

import io.easystore.io.RangeSource;
import io.easystore.testing.RangeSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link RangeSource} contract for {@link S3RangeSource} against S3Proxy. */
class S3RangeSourceContractTest extends RangeSourceContract {
  static S3ProxyServer s3;
  private int counter;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("contract");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Override
  protected RangeSource open(byte[] content) throws Exception {
    S3Location loc = S3Location.of("contract", "dir/c" + counter++ + ".des");
    s3.put(loc, content);
    return S3RangeSource.open(s3.admin, loc, S3ProxyServer.OPTIONS);
  }
}
