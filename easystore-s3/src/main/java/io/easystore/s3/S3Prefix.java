package io.easystore.s3;

import io.easystore.io.ContainerSink;
import io.easystore.io.Location;
import io.easystore.io.RangeSource;
import io.easystore.internal.io.SiblingKeys;
import io.easystore.remote.RemoteOptions;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A key prefix in an S3 bucket ({@code s3://bucket/dir/}) as a {@link Location}: objects are read
 * with pinned range requests and written with multipart uploads that become visible only when
 * completed ({@link ContainerSink#publish()}). S3 has no locks and no rename, so
 * {@code lockWriter}, {@code lease} and {@code publish(temp, name)} throw
 * {@link io.easystore.io.UnsupportedStorageException}. Thread-safe and immutable.
 */
final class S3Prefix implements Location {
  private final String bucket;
  private final String prefix;
  private final RemoteOptions options;

  private S3Prefix(String bucket, String prefix, RemoteOptions options) {
    this.bucket = bucket;
    this.prefix = prefix;
    this.options = Objects.requireNonNull(options, "options");
  }

  /** {@code s3://bucket} or {@code s3://bucket/dir[/]}. */
  static S3Prefix parse(URI uri, RemoteOptions options) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String probe = (path.endsWith("/") ? path : path + "/") + "x";
    // Reuse S3Location's bucket and key decoding on a made-up key under the prefix.
    S3Location l = S3Location.parse(URI.create("s3://" + uri.getRawAuthority() + probe));
    return new S3Prefix(l.bucket(), l.key().substring(0, l.key().length() - 1), options);
  }

  private S3Location locationOf(String name) {
    SiblingKeys.check(name);
    return S3Location.of(bucket, prefix + name);
  }

  @Override
  public String name() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public RangeSource open(String name) throws IOException {
    return S3RangeSourceProvider.open(locationOf(name), options);
  }

  @Override
  public ContainerSink create(String name) throws IOException {
    return S3RangeSourceProvider.create(locationOf(name), options);
  }

  @Override
  public Location resolve(String relative) {
    SiblingKeys.check(relative);
    return new S3Prefix(bucket, prefix + relative + "/", options);
  }

  @Override
  public Optional<Location> parent() {
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    String p = prefix.substring(0, prefix.length() - 1);
    int slash = p.lastIndexOf('/');
    return Optional.of(new S3Prefix(bucket, slash < 0 ? "" : p.substring(0, slash + 1), options));
  }

  @Override
  public String toString() {
    return "S3Prefix[" + name() + "]";
  }
}
