package io.easystore.remote;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings for remote sources and sinks: timeouts, retries, request sizes, HTTP headers,
 * provider properties and the block cache.
 *
 * <p>Build one with {@link #builder()} (or change a copy with {@link #toBuilder()}); setters
 * reject values out of range and {@link Builder#build()} settings that contradict each other,
 * with an {@link IllegalArgumentException} saying what to change. The {@code with...} methods
 * are shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe (the cache and the HTTP client it names are shared, and are
 * thread-safe themselves); equal options compare equal. {@link #toString()} masks secrets.
 */
public final class RemoteOptions implements io.easystore.io.LocationOptions {

  public static final int DEFAULT_TAIL_BYTES = 64 * 1024;
  public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  private static final Set<String> RESERVED_HEADERS =
      Set.of("range", "if-match", "if-none-match", "if-range", "if-unmodified-since", "if-modified-since");

  private static final RemoteOptions DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final int tailBytes;
  private final int maxRequestBytes;
  private final Map<String, String> headers;
  private final Map<String, String> properties;
  private final BlockCache cache;
  private final int blockSize;
  private final HttpClient httpClient;

  private RemoteOptions(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.retry = b.retry;
    this.tailBytes = b.tailBytes;
    this.maxRequestBytes = b.maxRequestBytes;
    this.headers = Map.copyOf(b.headers);
    this.properties = Map.copyOf(b.properties);
    this.cache = b.cache;
    this.blockSize = b.blockSize;
    this.httpClient = b.httpClient;
  }

  /**
   * {@code options} itself when it is a {@code RemoteOptions}, else the defaults with its
   * properties: what a remote provider reads from the options it is handed.
   */
  public static RemoteOptions from(io.easystore.io.LocationOptions options) {
    Objects.requireNonNull(options, "options");
    return options instanceof RemoteOptions r ? r : defaults().withProperties(options.properties());
  }

  /**
   * Connect in 10 s, 60 s per attempt, {@link RetryPolicy#defaults()}, a 64 KiB tail with the
   * opening request, 8 MiB per request, no cache (64 KiB blocks when one is set).
   */
  public static RemoteOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder().timeouts(connectTimeout, requestTimeout).retry(retry).tailBytes(tailBytes)
        .maxRequestBytes(maxRequestBytes).headers(headers).properties(properties).cache(cache)
        .httpClient(httpClient);
    b.blockSize = blockSize;
    return b;
  }

  /** How long to wait for a TCP/TLS connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long one attempt may take from sending the request to the last body byte; a stalled body
   * counts as a broken connection and is retried.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** When and how to retry. */
  public RetryPolicy retry() {
    return retry;
  }

  /**
   * How many bytes at the end of the object the opening request fetches (the footer and, for
   * small containers, the index), 1 B to 64 MiB.
   */
  public int tailBytes() {
    return tailBytes;
  }

  /** The largest range one request asks for; longer reads are split, 4 KiB to 256 MiB. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /**
   * Extra HTTP headers for every HTTP request, for example {@code Authorization}; range and
   * precondition headers are reserved. Unmodifiable.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** Settings for {@link io.easystore.io.LocationProvider}s, for example {@code s3.endpoint}. Unmodifiable. */
  @Override
  public Map<String, String> properties() {
    return properties;
  }

  /** The block cache that {@link RemoteSources} wraps remote sources in, or null for none. */
  public BlockCache cache() {
    return cache;
  }

  /** The cache's block size, 4 KiB to 64 MiB. */
  public int blockSize() {
    return blockSize;
  }

  /** The client for HTTP(S), or null for a shared default one. */
  public HttpClient httpClient() {
    return httpClient;
  }

  public RemoteOptions withTimeouts(Duration connect, Duration request) {
    return toBuilder().timeouts(connect, request).build();
  }

  public RemoteOptions withRetry(RetryPolicy policy) {
    return toBuilder().retry(policy).build();
  }

  public RemoteOptions withTailBytes(int n) {
    return toBuilder().tailBytes(n).build();
  }

  public RemoteOptions withMaxRequestBytes(int n) {
    return toBuilder().maxRequestBytes(n).build();
  }

  public RemoteOptions withHeaders(Map<String, String> h) {
    return toBuilder().headers(h).build();
  }

  /** Adds or replaces one provider property. */
  public RemoteOptions withProperty(String key, String value) {
    return toBuilder().property(key, value).build();
  }

  public RemoteOptions withProperties(Map<String, String> p) {
    return toBuilder().properties(p).build();
  }

  /** A block cache for {@link RemoteSources} to wrap remote sources in; null turns caching off. */
  public RemoteOptions withCache(BlockCache c, int size) {
    return c == null ? toBuilder().cache(null).build() : toBuilder().cache(c).blockSize(size).build();
  }

  public RemoteOptions withHttpClient(HttpClient client) {
    return toBuilder().httpClient(client).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RemoteOptions r && connectTimeout.equals(r.connectTimeout)
        && requestTimeout.equals(r.requestTimeout) && retry.equals(r.retry) && tailBytes == r.tailBytes
        && maxRequestBytes == r.maxRequestBytes && headers.equals(r.headers) && properties.equals(r.properties)
        && Objects.equals(cache, r.cache) && blockSize == r.blockSize && Objects.equals(httpClient, r.httpClient);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connectTimeout, requestTimeout, retry, tailBytes, maxRequestBytes, headers, properties, cache,
        blockSize, httpClient);
  }

  /** Keeps secrets out of logs: header values and secret-looking properties are masked. */
  @Override
  public String toString() {
    Map<String, String> shownProps = new TreeMap<>();
    properties.forEach((k, v) -> shownProps.put(k, isSecret(k) ? "****" : v));
    return "RemoteOptions[connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", retry=" + retry + ", tailBytes=" + tailBytes + ", maxRequestBytes=" + maxRequestBytes
        + ", headers=" + new TreeMap<>(headers).keySet() + ", properties=" + shownProps
        + ", cache=" + cache + ", blockSize=" + blockSize + "]";
  }

  private static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("secret") || k.contains("token") || k.contains("password") || k.contains("key");
  }

  /**
   * Collects settings for a {@link RemoteOptions}. Not thread-safe; the options it builds are.
   */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private RetryPolicy retry = RetryPolicy.defaults();
    private int tailBytes = DEFAULT_TAIL_BYTES;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Map<String, String> headers = new TreeMap<>();
    private Map<String, String> properties = new TreeMap<>();
    private BlockCache cache;
    private int blockSize = DEFAULT_BLOCK_SIZE;
    // Whether blockSize was set on this builder (not carried over), which needs a cache to apply to.
    private boolean blockSizeSet;
    private HttpClient httpClient;

    private Builder() {
    }

    /** Both timeouts: connecting, and one attempt of a request; each positive. */
    public Builder timeouts(Duration connect, Duration request) {
      return connectTimeout(connect).requestTimeout(request);
    }

    /** How long to wait for a TCP/TLS connection; positive. */
    public Builder connectTimeout(Duration d) {
      connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** How long one attempt may take, up to the last body byte; positive. */
    public Builder requestTimeout(Duration d) {
      requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    public Builder retry(RetryPolicy policy) {
      retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    /** Bytes the opening request fetches from the end, 1 B to 64 MiB. */
    public Builder tailBytes(int n) {
      if (n < 1 || n > 64 << 20) {
        throw new IllegalArgumentException("tailBytes must be 1 B..64 MiB, got " + n);
      }
      tailBytes = n;
      return this;
    }

    /** The largest range of one request, 4 KiB to 256 MiB. */
    public Builder maxRequestBytes(int n) {
      if (n < 4096 || n > 256 << 20) {
        throw new IllegalArgumentException("maxRequestBytes must be 4 KiB..256 MiB, got " + n);
      }
      maxRequestBytes = n;
      return this;
    }

    /** Replaces the extra HTTP headers; range and precondition headers are reserved. */
    public Builder headers(Map<String, String> h) {
      Map<String, String> copy = new TreeMap<>();
      h.forEach((k, v) -> copy.put(checkHeader(k), Objects.requireNonNull(v, "header value")));
      headers = copy;
      return this;
    }

    /** Adds or replaces one extra HTTP header. */
    public Builder header(String name, String value) {
      headers.put(checkHeader(name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Replaces the provider properties. */
    public Builder properties(Map<String, String> p) {
      Map<String, String> copy = new TreeMap<>();
      p.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
      properties = copy;
      return this;
    }

    /** Adds or replaces one provider property. */
    public Builder property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The block cache to wrap remote sources in; null for none. */
    public Builder cache(BlockCache c) {
      cache = c;
      return this;
    }

    /** The cache's block size, 4 KiB to 64 MiB; needs a {@link #cache(BlockCache)}. */
    public Builder blockSize(int size) {
      if (size < 4096 || size > 64 << 20) {
        throw new IllegalArgumentException("blockSize must be 4 KiB..64 MiB, got " + size);
      }
      blockSize = size;
      blockSizeSet = true;
      return this;
    }

    /** The client for HTTP(S); null for a shared default one. */
    public Builder httpClient(HttpClient client) {
      httpClient = client;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a block size is set without a cache, or two headers
     *     differ only in case (HTTP names are case-insensitive, so they would conflict)
     */
    public RemoteOptions build() {
      if (blockSizeSet && cache == null) {
        throw new IllegalArgumentException("blockSize(" + blockSize + ") sizes the block cache, but no cache is set;"
            + " set cache(...) as well, or leave blockSize out");
      }
      Map<String, String> seen = new TreeMap<>();
      for (String name : headers.keySet()) {
        String other = seen.put(name.toLowerCase(Locale.ROOT), name);
        if (other != null) {
          throw new IllegalArgumentException("headers " + other + " and " + name + " name the same HTTP header"
              + " (names ignore case); give it once");
        }
      }
      return new RemoteOptions(this);
    }

    private static String checkHeader(String name) {
      Objects.requireNonNull(name, "header name");
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by the range protocol itself");
      }
      return name;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
