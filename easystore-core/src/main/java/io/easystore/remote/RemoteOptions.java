package io.easystore.remote;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings for remote sources and sinks. Immutable; start from {@link #defaults()} and change
 * fields with the {@code with...} methods.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long one attempt may take from sending the request to the last body
 *     byte; a stalled body counts as a broken connection and is retried
 * @param retry when and how to retry
 * @param tailBytes how many bytes at the end of the object the opening request fetches (the
 *     footer and, for small containers, the index), 1 B to 64 MiB
 * @param maxRequestBytes the largest range one request asks for; longer reads are split, 4 KiB to 256 MiB
 * @param headers extra HTTP headers for every HTTP request, for example {@code Authorization};
 *     range and precondition headers are reserved
 * @param properties settings for {@link io.easystore.io.LocationProvider}s, for example {@code s3.endpoint}
 * @param cache the block cache that {@link RemoteSources} wraps remote sources in, or null for none
 * @param blockSize the cache's block size, 4 KiB to 64 MiB
 * @param httpClient the client for HTTP(S), or null for a shared default one
 */
public record RemoteOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    int tailBytes,
    int maxRequestBytes,
    Map<String, String> headers,
    Map<String, String> properties,
    BlockCache cache,
    int blockSize,
    HttpClient httpClient) implements io.easystore.io.LocationOptions {

  public static final int DEFAULT_TAIL_BYTES = 64 * 1024;
  public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  private static final Set<String> RESERVED_HEADERS =
      Set.of("range", "if-match", "if-none-match", "if-range", "if-unmodified-since", "if-modified-since");

  public RemoteOptions {
    Objects.requireNonNull(retry, "retry");
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    if (tailBytes < 1 || tailBytes > 64 << 20) {
      throw new IllegalArgumentException("tailBytes must be 1 B..64 MiB, got " + tailBytes);
    }
    if (maxRequestBytes < 4096 || maxRequestBytes > 256 << 20) {
      throw new IllegalArgumentException("maxRequestBytes must be 4 KiB..256 MiB, got " + maxRequestBytes);
    }
    if (blockSize < 4096 || blockSize > 64 << 20) {
      throw new IllegalArgumentException("blockSize must be 4 KiB..64 MiB, got " + blockSize);
    }
    headers = Map.copyOf(headers);
    for (String name : headers.keySet()) {
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by the range protocol itself");
      }
    }
    properties = Map.copyOf(properties);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /**
   * Connect in 10 s, 60 s per attempt, {@link RetryPolicy#defaults()}, a 64 KiB tail with the
   * opening request, 8 MiB per request, no cache (64 KiB blocks when one is set).
   */
  /**
   * {@code options} itself when it is a {@code RemoteOptions}, else the defaults with its
   * properties: what a remote provider reads from the options it is handed.
   */
  public static RemoteOptions from(io.easystore.io.LocationOptions options) {
    Objects.requireNonNull(options, "options");
    return options instanceof RemoteOptions r ? r : defaults().withProperties(options.properties());
  }

  public static RemoteOptions defaults() {
    return new RemoteOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), RetryPolicy.defaults(),
        DEFAULT_TAIL_BYTES, DEFAULT_MAX_REQUEST_BYTES, Map.of(), Map.of(), null, DEFAULT_BLOCK_SIZE, null);
  }

  public RemoteOptions withTimeouts(Duration connect, Duration request) {
    return new RemoteOptions(connect, request, retry, tailBytes, maxRequestBytes, headers, properties, cache,
        blockSize, httpClient);
  }

  public RemoteOptions withRetry(RetryPolicy policy) {
    return new RemoteOptions(connectTimeout, requestTimeout, policy, tailBytes, maxRequestBytes, headers,
        properties, cache, blockSize, httpClient);
  }

  public RemoteOptions withTailBytes(int n) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, n, maxRequestBytes, headers, properties,
        cache, blockSize, httpClient);
  }

  public RemoteOptions withMaxRequestBytes(int n) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, tailBytes, n, headers, properties, cache,
        blockSize, httpClient);
  }

  public RemoteOptions withHeaders(Map<String, String> h) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, tailBytes, maxRequestBytes, h, properties,
        cache, blockSize, httpClient);
  }

  /** Adds or replaces one provider property. */
  public RemoteOptions withProperty(String key, String value) {
    Map<String, String> p = new TreeMap<>(properties);
    p.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return withProperties(p);
  }

  public RemoteOptions withProperties(Map<String, String> p) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, tailBytes, maxRequestBytes, headers, p,
        cache, blockSize, httpClient);
  }

  /** A block cache for {@link RemoteSources} to wrap remote sources in; null turns caching off. */
  public RemoteOptions withCache(BlockCache c, int size) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, tailBytes, maxRequestBytes, headers,
        properties, c, size, httpClient);
  }

  public RemoteOptions withHttpClient(HttpClient client) {
    return new RemoteOptions(connectTimeout, requestTimeout, retry, tailBytes, maxRequestBytes, headers,
        properties, cache, blockSize, client);
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
}
