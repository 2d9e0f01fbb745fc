package io.easystore.s3;

import io.easystore.remote.RemoteOptions;
import java.io.IOException;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds {@link S3Client}s for EasyStore: the JDK's {@code HttpURLConnection} transport (no Netty,
 * Apache or CRT), EasyStore's timeouts, and the SDK's own retries switched off, because
 * {@link io.easystore.remote.RetryPolicy} retries and counts every attempt itself.
 *
 * <p>Request checksums are sent only where S3 requires them: the SDK's default CRC trailers
 * (aws-chunked uploads) are rejected by several self-hosted stores, and EasyStore sends
 * {@code Content-MD5} on uploads instead.
 */
public final class S3Clients {
  static final long EXPECT_CONTINUE_THRESHOLD = 1 << 20;

  private S3Clients() {}

  /**
   * A new client; the caller closes it.
   *
   * @throws IOException if the SDK cannot be configured (typically: no region found)
   */
  public static S3Client create(S3Options s3, RemoteOptions options) throws IOException {
    S3ClientBuilder b = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(options.connectTimeout())
            .socketTimeout(options.requestTimeout()))
        .credentialsProvider(credentials(s3))
        .forcePathStyle(s3.pathStyle())
        // HttpURLConnection mishandles "Expect: 100-continue" when a store answers a small (or
        // empty) upload at once; only large bodies are worth the extra round trip anyway.
        .serviceConfiguration(S3Configuration.builder().expectContinueThresholdInBytes(EXPECT_CONTINUE_THRESHOLD).build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> {
          o.retryStrategy(AwsRetryStrategy.doNotRetry());
          if (s3.profile() != null) {
            o.defaultProfileName(s3.profile());
          }
        });
    if (s3.region() != null) {
      b.region(Region.of(s3.region()));
    } else if (s3.endpoint() != null) {
      b.region(Region.US_EAST_1);
    }
    if (s3.endpoint() != null) {
      b.endpointOverride(s3.endpoint());
    }
    try {
      return b.build();
    } catch (SdkClientException e) {
      // The SDK's text lists every provider of its region chain (over a kilobyte); the cause keeps it.
      if (String.valueOf(e.getMessage()).contains("region")) {
        throw new io.easystore.remote.RemoteSetupException(null, io.easystore.remote.RemoteSetupException.Missing.REGION,
            "no S3 region found: set one (property s3.region, or AWS_REGION) or an endpoint (s3.endpoint)", e);
      }
      throw new IOException("cannot configure the S3 client: " + S3Errors.firstSentence(e), e);
    }
  }

  /** As {@link #create(S3Options, RemoteOptions)}, with a setup failure naming {@code location}. */
  static S3Client create(S3Options s3, RemoteOptions options, Object location) throws IOException {
    try {
      return create(s3, options);
    } catch (io.easystore.remote.RemoteSetupException e) {
      if (e.location() != null) {
        throw e;
      }
      throw new io.easystore.remote.RemoteSetupException(String.valueOf(location), e.missing(), e.getMessage(),
          e.getCause());
    }
  }

  static AwsCredentialsProvider credentials(S3Options s3) {
    if (s3.accessKeyId() != null) {
      return StaticCredentialsProvider.create(s3.sessionToken() != null
          ? AwsSessionCredentials.create(s3.accessKeyId(), s3.secretAccessKey(), s3.sessionToken())
          : AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()));
    }
    if (s3.profile() != null) {
      return ProfileCredentialsProvider.create(s3.profile());
    }
    if (s3.anonymous()) {
      return AnonymousCredentialsProvider.create();
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
