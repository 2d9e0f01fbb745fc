package io.easystore.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * An object in a bucket, optionally one version of it: {@code s3://bucket/key} or
 * {@code s3://bucket/key?versionId=...}. Immutable.
 *
 * @param bucket the bucket name
 * @param key the object key (decoded, without a leading slash)
 * @param versionId a version to read, or null for the current one
 */
public record S3Location(String bucket, String key, String versionId) {

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (bucket.isEmpty() || bucket.length() > 255 || bucket.chars().anyMatch(c -> c == '/' || c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("invalid bucket name '" + bucket + "'");
    }
    if (key.isEmpty() || key.length() > 1024) {
      throw new IllegalArgumentException("object key must be 1..1024 characters, got " + key.length());
    }
    if (versionId != null && versionId.isEmpty()) {
      versionId = null;
    }
  }

  /** The current version of {@code bucket/key}. */
  public static S3Location of(String bucket, String key) {
    return new S3Location(bucket, key, null);
  }

  /** Parses {@code s3://bucket/key[?versionId=v]}; other query parameters are rejected. */
  public static S3Location parse(URI uri) {
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("s3")) {
      throw new IllegalArgumentException("not an s3:// URI: " + uri);
    }
    String bucket = uri.getRawAuthority();
    String path = uri.getRawPath();
    if (bucket == null || path == null || path.length() < 2) {
      throw new IllegalArgumentException("expected s3://bucket/key, got " + uri);
    }
    String version = null;
    String query = uri.getRawQuery();
    if (query != null) {
      if (!query.startsWith("versionId=") || query.contains("&")) {
        throw new IllegalArgumentException("the only query parameter allowed is versionId: " + uri);
      }
      version = decode(query.substring("versionId=".length()));
    }
    return new S3Location(decode(bucket), decode(path.substring(1)), version);
  }

  private static String decode(String s) {
    // URLDecoder would turn '+' into a space; in a URI path '+' is a literal plus.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
  }
}
