package io.easystore.s3;

import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API (S3Proxy with its transient in-memory store, which supports versioning) on 127.0.0.1, started once per test
 * class, with a client for setting up and inspecting objects.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS = "easystore-access";
  static final String SECRET = "easystore-secret";
  static final RemoteOptions OPTIONS = RemoteOptions.defaults()
      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))
      .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(20), 1.0));

  private final S3ProxyJunitCore proxy;
  final S3Client admin;

  S3ProxyServer() throws Exception {
    proxy = new S3ProxyJunitCore.Builder().withCredentials(ACCESS, SECRET).withBlobStoreProvider("transient").build();
    proxy.beforeEach();
    // The set-up client keeps the SDK's own retries: HttpURLConnection does not resend a PUT on a
    // pooled connection the server has just closed, and set-up code has no RetryPolicy around it.
    admin = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
        .serviceConfiguration(S3Configuration.builder().expectContinueThresholdInBytes(1L << 20).build())
        .build();
  }

  URI endpoint() {
    return proxy.getUri();
  }

  S3Options options() {
    return S3Options.forEndpoint(endpoint()).withRegion("us-east-1").withKeys(ACCESS, SECRET);
  }

  /** Provider properties for {@code s3://} URIs pointing here. */
  RemoteOptions providerOptions() {
    return OPTIONS.withProperty("s3.endpoint", endpoint().toString())
        .withProperty("s3.region", "us-east-1")
        .withProperty("s3.accessKeyId", ACCESS)
        .withProperty("s3.secretAccessKey", SECRET);
  }

  void createBucket(String bucket) {
    admin.createBucket(b -> b.bucket(bucket));
  }

  void put(S3Location loc, byte[] content) {
    admin.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromBytes(content));
  }

  boolean exists(S3Location loc) {
    try {
      admin.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    admin.close();
    proxy.afterEach();
  }
}
