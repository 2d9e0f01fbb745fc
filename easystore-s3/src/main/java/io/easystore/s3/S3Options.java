package io.easystore.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to reach an S3-compatible store and whose credentials to use. Immutable.
 *
 * <p>Credentials, in order: explicit keys; else a named profile from {@code ~/.aws}; else
 * anonymous access if asked for; else the SDK's default chain (system properties, environment
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity, {@code AWS_PROFILE},
 * container and instance roles).
 *
 * @param region the signing region; null means {@code us-east-1} with an endpoint override, and
 *     the SDK's region chain ({@code AWS_REGION}, profile, instance metadata) otherwise
 * @param endpoint an endpoint override for Ceph RGW, HCP, MinIO and the like, or null for AWS
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key};
 *     most self-hosted stores need it
 * @param profile a profile name in the shared AWS config files, or null
 * @param accessKeyId an explicit access key id, or null
 * @param secretAccessKey the matching secret, or null
 * @param sessionToken a session token for temporary keys, or null
 * @param anonymous send unsigned requests (public buckets)
 */
public record S3Options(
    String region,
    URI endpoint,
    boolean pathStyle,
    String profile,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    boolean anonymous) {

  /** Property names accepted by {@link #fromProperties}; {@code s3.partSize} is for sinks. */
  public static final Set<String> PROPERTIES = Set.of("s3.region", "s3.endpoint", "s3.pathStyle", "s3.profile",
      "s3.accessKeyId", "s3.secretAccessKey", "s3.sessionToken", "s3.anonymous", "s3.partSize");

  public S3Options {
    region = blankToNull(region);
    profile = blankToNull(profile);
    accessKeyId = blankToNull(accessKeyId);
    secretAccessKey = blankToNull(secretAccessKey);
    sessionToken = blankToNull(sessionToken);
    if (region != null && !region.matches("[a-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("invalid region '" + region + "'");
    }
    if (endpoint != null) {
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL with a host, got " + endpoint);
      }
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new IllegalArgumentException("a sessionToken needs accessKeyId and secretAccessKey");
    }
    if (anonymous && (accessKeyId != null || profile != null)) {
      throw new IllegalArgumentException("anonymous access excludes keys and profiles");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** AWS itself: region and credentials from the SDK's default chains. */
  public static S3Options defaults() {
    return new S3Options(null, null, false, null, null, null, null, false);
  }

  /** A self-hosted store at {@code endpoint}, with path-style addressing. */
  public static S3Options forEndpoint(URI endpoint) {
    return new S3Options(null, endpoint, true, null, null, null, null, false);
  }

  public S3Options withRegion(String r) {
    return new S3Options(r, endpoint, pathStyle, profile, accessKeyId, secretAccessKey, sessionToken, anonymous);
  }

  public S3Options withPathStyle(boolean p) {
    return new S3Options(region, endpoint, p, profile, accessKeyId, secretAccessKey, sessionToken, anonymous);
  }

  public S3Options withProfile(String p) {
    return new S3Options(region, endpoint, pathStyle, p, accessKeyId, secretAccessKey, sessionToken, anonymous);
  }

  public S3Options withKeys(String id, String secret) {
    return new S3Options(region, endpoint, pathStyle, profile, id, secret, null, anonymous);
  }

  public S3Options withSessionKeys(String id, String secret, String token) {
    return new S3Options(region, endpoint, pathStyle, profile, id, secret, token, anonymous);
  }

  public S3Options withAnonymous(boolean a) {
    return new S3Options(region, endpoint, pathStyle, profile, accessKeyId, secretAccessKey, sessionToken, a);
  }

  /**
   * Reads {@code s3.*} properties (see {@link #PROPERTIES}); {@code s3.pathStyle} defaults to true
   * when {@code s3.endpoint} is set. Unknown {@code s3.*} names are rejected to catch typos.
   */
  public static S3Options fromProperties(Map<String, String> p) {
    for (String k : p.keySet()) {
      if (k.startsWith("s3.") && !PROPERTIES.contains(k)) {
        throw new IllegalArgumentException("unknown S3 property '" + k + "'; known: " + new java.util.TreeSet<>(PROPERTIES));
      }
    }
    URI endpoint = p.containsKey("s3.endpoint") ? URI.create(p.get("s3.endpoint")) : null;
    boolean pathStyle = bool(p, "s3.pathStyle", endpoint != null);
    return new S3Options(p.get("s3.region"), endpoint, pathStyle, p.get("s3.profile"), p.get("s3.accessKeyId"),
        p.get("s3.secretAccessKey"), p.get("s3.sessionToken"), bool(p, "s3.anonymous", false));
  }

  private static boolean bool(Map<String, String> p, String key, boolean dflt) {
    String v = p.get(key);
    if (v == null) {
      return dflt;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
  }

  /** Never prints the secret or the session token. */
  @Override
  public String toString() {
    return "S3Options[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", profile=" + profile
        + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "****")
        + ", sessionToken=" + (sessionToken == null ? null : "****") + ", anonymous=" + anonymous + "]";
  }
}
