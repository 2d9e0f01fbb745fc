package io.easystore.remote;


import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Opens containers over HTTP(S) with range requests, using only the JDK's {@link HttpClient}.
 *
 * <p>The server must honour {@code Range} (nginx, Apache, Jetty, S3 and compatible stores, most
 * CDNs). The opening request is {@code Range: bytes=-N}; later reads send
 * {@code If-Match: <ETag>} (or {@code If-Unmodified-Since} when the ETag is weak or missing; Jetty,
 * for one, sends weak ETags) so a
 * replaced object fails with {@link ObjectChangedException}. Credentials in the URL's user info
 * become a Basic {@code Authorization} header; other headers come from {@link RemoteOptions#headers()}.
 */
public final class HttpRangeSource {
  private static final ConcurrentMap<Duration, HttpClient> SHARED = new ConcurrentHashMap<>();

  private HttpRangeSource() {}

  /** Opens {@code uri} with one request. */
  public static RemoteRangeSource open(URI uri, RemoteOptions options) throws IOException {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(options, "options");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an http(s) URL: " + uri.getScheme() + ":...");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL without a host: " + scheme + "://" + uri.getRawAuthority());
    }
    HttpClient client = options.httpClient() != null ? options.httpClient() : shared(options.connectTimeout());
    return RemoteRangeSource.open(new HttpTransport(uri, options, client), options);
  }

  private static HttpClient shared(Duration connectTimeout) {
    return SHARED.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
        .connectTimeout(t)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build());
  }
}
