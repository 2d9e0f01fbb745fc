package io.easystore.cli;

import io.easystore.remote.BlockCaches;
import io.easystore.remote.RemoteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * Where remote containers live and how to reach them: the options shared by every command that
 * takes a container location ({@code s3://bucket/key}, {@code https://...} or a path).
 *
 * <p>Credentials never go on the command line: they come from {@code --profile} or the AWS SDK's
 * default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE},
 * {@code ~/.aws/credentials}, instance roles). The endpoint and the block cache directory can also
 * come from the environment, so a shell set up once for MinIO or Ceph RGW needs no flags.
 */
final class RemoteOptionsMixin {
  /** Upper bound of the on-disk block cache. */
  static final long CACHE_MAX_BYTES = 1L << 30;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint for s3:// locations (Ceph RGW, MinIO, HCP), e.g. http://minio:9000."
          + " Default: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL, else AWS S3.")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Signing region for s3:// (default: us-east-1 with an endpoint, else $AWS_REGION or the profile's).")
  String region;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile in ~/.aws/credentials and ~/.aws/config for s3:// (default: $AWS_PROFILE, then the"
          + " AWS SDK's credential chain).")
  String profile;

  @Option(names = "--path-style", negatable = true,
      description = "Path-style S3 addressing (http://host/bucket/key). Default: on with --endpoint, off for AWS.")
  Boolean pathStyle;

  @Option(names = "--no-sign-request", description = "Anonymous (unsigned) S3 requests, for public buckets.")
  boolean anonymous;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep fetched blocks of remote containers in DIR (up to 1 GiB), shared between runs."
          + " Default: $DES_CACHE_DIR, else no cache.")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Do not use a block cache, even if $DES_CACHE_DIR is set.")
  boolean noCache;

  /** The remote settings these options describe, with the environment filling in what is not given. */
  RemoteOptions toRemoteOptions() throws IOException {
    return toRemoteOptions(System.getenv());
  }

  RemoteOptions toRemoteOptions(Map<String, String> env) throws IOException {
    Map<String, String> props = new TreeMap<>();
    String ep = firstNonBlank(endpoint, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
    put(props, "s3.endpoint", ep);
    put(props, "s3.region", region);
    put(props, "s3.profile", profile);
    if (pathStyle != null) {
      props.put("s3.pathStyle", pathStyle.toString());
    }
    if (anonymous) {
      props.put("s3.anonymous", "true");
    }
    RemoteOptions options = RemoteOptions.defaults().withProperties(props);
    Path dir = cacheDir;
    if (dir == null && !noCache) {
      String fromEnv = firstNonBlank(env.get("DES_CACHE_DIR"));
      dir = fromEnv == null ? null : Path.of(fromEnv);
    }
    if (dir != null && !noCache) {
      options = options.withCache(BlockCaches.disk(dir, CACHE_MAX_BYTES), RemoteOptions.DEFAULT_BLOCK_SIZE);
    }
    return options;
  }

  private static void put(Map<String, String> props, String key, String value) {
    if (value != null && !value.isBlank()) {
      props.put(key, value.trim());
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
