package io.easystore.s3;

import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteRangeSource;
import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens containers stored as objects in S3 or an S3-compatible store (Ceph RGW, HCP, MinIO).
 *
 * <p>Opening is one ranged GetObject for the last {@link RemoteOptions#tailBytes()} bytes, which
 * also yields the size, the ETag and (in versioned buckets) the version id; no HeadObject, except
 * for an empty object, whose suffix range is unsatisfiable. Later reads are ranged GetObjects with
 * {@code If-Match} on the ETag and the version id when there is one, so a replaced object fails
 * with {@link io.easystore.remote.ObjectChangedException} (or, in a versioned bucket, keeps
 * reading the version that was opened).
 */
public final class S3RangeSource {
  private S3RangeSource() {}

  /** Opens with a client the caller keeps and closes. */
  public static RemoteRangeSource open(S3Client client, S3Location location, RemoteOptions options) throws IOException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(location, "location");
    return RemoteRangeSource.open(new S3Transport(client, false, location), options);
  }

  /** Opens with a new client built from {@code s3}, which the source closes. */
  public static RemoteRangeSource open(S3Location location, S3Options s3, RemoteOptions options) throws IOException {
    Objects.requireNonNull(location, "location");
    return RemoteRangeSource.open(new S3Transport(S3Clients.create(s3, options, location), true, location), options);
  }
}
