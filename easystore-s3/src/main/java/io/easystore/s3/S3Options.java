package io.easystore.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Set;

/**
 * How to reach an S3-compatible store and whose credentials to use.
 *
 * <p>Credentials, in order: explicit keys; else a named profile from {@code ~/.aws}; else
 * anonymous access if asked for; else the SDK's default chain (system properties, environment
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity, {@code AWS_PROFILE},
 * container and instance roles).
 *
 * <p>Build one with {@link #builder()}, {@link #fromProperties} or a copy's {@link #toBuilder()};
 * setters reject malformed values and {@link Builder#build()} credentials that contradict each
 * other, with an {@link IllegalArgumentException} saying what to change. Blank strings count as
 * unset. The {@code with...} methods are shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe; equal options compare equal. {@link #toString()} never prints
 * the secret or the session token.
 */
public final class S3Options {

  /** Property names accepted by {@link #fromProperties}; {@code s3.partSize} is for sinks. */
  public static final Set<String> PROPERTIES = Set.of("s3.region", "s3.endpoint", "s3.pathStyle", "s3.profile",
      "s3.accessKeyId", "s3.secretAccessKey", "s3.sessionToken", "s3.anonymous", "s3.partSize");

  private static final S3Options DEFAULTS = builder().build();

  private final String region;
  private final URI endpoint;
  private final boolean pathStyle;
  private final String profile;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final boolean anonymous;

  private S3Options(Builder b) {
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.pathStyle = b.pathStyle;
    this.profile = b.profile;
    this.accessKeyId = b.accessKeyId;
    this.secretAccessKey = b.secretAccessKey;
    this.sessionToken = b.sessionToken;
    this.anonymous = b.anonymous;
  }

  /** AWS itself: region and credentials from the SDK's default chains. */
  public static S3Options defaults() {
    return DEFAULTS;
  }

  /** A self-hosted store at {@code endpoint}, with path-style addressing. */
  public static S3Options forEndpoint(URI endpoint) {
    return builder().endpoint(endpoint).pathStyle(true).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder().region(region).endpoint(endpoint).pathStyle(pathStyle).profile(profile)
        .sessionKeys(accessKeyId, secretAccessKey, sessionToken).anonymous(anonymous);
  }

  /**
   * The signing region; null means {@code us-east-1} with an endpoint override, and the SDK's
   * region chain ({@code AWS_REGION}, profile, instance metadata) otherwise.
   */
  public String region() {
    return region;
  }

  /** An endpoint override for Ceph RGW, HCP, MinIO and the like, or null for AWS. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Whether to address {@code http://host/bucket/key} instead of {@code http://bucket.host/key};
   * most self-hosted stores need it.
   */
  public boolean pathStyle() {
    return pathStyle;
  }

  /** A profile name in the shared AWS config files, or null. */
  public String profile() {
    return profile;
  }

  /** An explicit access key id, or null. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The matching secret, or null. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** A session token for temporary keys, or null. */
  public String sessionToken() {
    return sessionToken;
  }

  /** Whether requests go unsigned (public buckets). */
  public boolean anonymous() {
    return anonymous;
  }

  public S3Options withRegion(String r) {
    return toBuilder().region(r).build();
  }

  public S3Options withPathStyle(boolean p) {
    return toBuilder().pathStyle(p).build();
  }

  public S3Options withProfile(String p) {
    return toBuilder().profile(p).build();
  }

  /** Explicit keys (any session token is dropped). */
  public S3Options withKeys(String id, String secret) {
    return toBuilder().keys(id, secret).build();
  }

  public S3Options withSessionKeys(String id, String secret, String token) {
    return toBuilder().sessionKeys(id, secret, token).build();
  }

  public S3Options withAnonymous(boolean a) {
    return toBuilder().anonymous(a).build();
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
    return builder().region(p.get("s3.region")).endpoint(endpoint).pathStyle(bool(p, "s3.pathStyle", endpoint != null))
        .profile(p.get("s3.profile"))
        .sessionKeys(p.get("s3.accessKeyId"), p.get("s3.secretAccessKey"), p.get("s3.sessionToken"))
        .anonymous(bool(p, "s3.anonymous", false)).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof S3Options s && Objects.equals(region, s.region) && Objects.equals(endpoint, s.endpoint)
        && pathStyle == s.pathStyle && Objects.equals(profile, s.profile) && Objects.equals(accessKeyId, s.accessKeyId)
        && Objects.equals(secretAccessKey, s.secretAccessKey) && Objects.equals(sessionToken, s.sessionToken)
        && anonymous == s.anonymous;
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, endpoint, pathStyle, profile, accessKeyId, secretAccessKey, sessionToken, anonymous);
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

  /** Collects settings for an {@link S3Options}. Not thread-safe; the options it builds are. */
  public static final class Builder {
    private String region;
    private URI endpoint;
    private boolean pathStyle;
    private String profile;
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private boolean anonymous;

    private Builder() {
    }

    /** The signing region ({@code [a-z0-9-]{1,64}}); null or blank for the default. */
    public Builder region(String r) {
      String v = blankToNull(r);
      if (v != null && !v.matches("[a-z0-9-]{1,64}")) {
        throw new IllegalArgumentException("invalid region '" + v + "'");
      }
      region = v;
      return this;
    }

    /** An http(s) endpoint with a host, or null for AWS. */
    public Builder endpoint(URI e) {
      if (e != null) {
        String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || e.getHost() == null) {
          throw new IllegalArgumentException("endpoint must be an http(s) URL with a host, got " + e);
        }
      }
      endpoint = e;
      return this;
    }

    public Builder pathStyle(boolean p) {
      pathStyle = p;
      return this;
    }

    /** A profile of the shared AWS config files; null for none. */
    public Builder profile(String p) {
      profile = blankToNull(p);
      return this;
    }

    /** Explicit keys without a session token; both or neither. */
    public Builder keys(String id, String secret) {
      return sessionKeys(id, secret, null);
    }

    /** Explicit temporary keys; a token needs both keys. */
    public Builder sessionKeys(String id, String secret, String token) {
      accessKeyId = blankToNull(id);
      secretAccessKey = blankToNull(secret);
      sessionToken = blankToNull(token);
      return this;
    }

    /** Send unsigned requests; excludes keys and profiles. */
    public Builder anonymous(boolean a) {
      anonymous = a;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if only one of the key pair is given, a session token
     *     comes without keys, or anonymous access is combined with keys or a profile
     */
    public S3Options build() {
      if ((accessKeyId == null) != (secretAccessKey == null)) {
        throw new IllegalArgumentException("give both accessKeyId and secretAccessKey, or neither");
      }
      if (sessionToken != null && accessKeyId == null) {
        throw new IllegalArgumentException("a sessionToken needs accessKeyId and secretAccessKey");
      }
      if (anonymous && (accessKeyId != null || profile != null)) {
        throw new IllegalArgumentException("anonymous access excludes keys and profiles: turn anonymous off, or"
            + " leave out " + (accessKeyId != null ? "the keys" : "the profile"));
      }
      return new S3Options(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }
}
