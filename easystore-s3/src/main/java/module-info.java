/**
 * S3-compatible storage (AWS S3, Ceph RGW, HCP, MinIO) for DES containers: ranged reads and
 * multipart writes through the AWS SDK v2, found by the core through {@link java.util.ServiceLoader}.
 */
module io.easystore.s3store {
  requires transitive io.easystore.core;
  // S3Client appears in this module's API (S3RangeSource, S3MultipartSink, S3Clients).
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.utils;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.checksums;

  exports io.easystore.s3;

  provides io.easystore.io.LocationProvider with io.easystore.s3.S3RangeSourceProvider;
}
