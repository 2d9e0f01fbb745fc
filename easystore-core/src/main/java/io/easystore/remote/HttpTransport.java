package io.easystore.remote;

import io.easystore.internal.remote.ContentRange;


import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP(S) range requests through the JDK's {@link HttpClient}. Thread-safe and stateless apart
 * from the shared client.
 *
 * <p>Each attempt has one deadline ({@link RemoteOptions#requestTimeout()}) covering headers and
 * body, because the client's own timeout stops at the headers and a stalled body would otherwise
 * hang a reader forever.
 *
 * <p>A redirect (followed by the client) is remembered: later requests go straight to its target
 * (without an {@code Authorization} header when the target is another origin).
 */
final class HttpTransport implements RangeTransport {
  private static final int ERROR_BODY_CAP = 1024;

  private final URI uri;
  private final String name;
  private final String location;
  private final RemoteOptions options;
  private final HttpClient client;
  private final Map<String, String> headers;
  /**
   * Where a redirect of this URL led (null: no redirect seen). Range requests go there directly,
   * so a redirect costs one request per open rather than one per read; the If-Match pin still
   * guards the version. Forgotten when the target stops answering.
   */
  private volatile URI redirected;

  HttpTransport(URI uri, RemoteOptions options, HttpClient client) {
    this.uri = uri;
    this.options = options;
    this.client = client;
    this.name = display(uri);
    this.location = this.name.replaceFirst("\\?.*$", "") + (uri.getRawQuery() == null ? "" : "?sha256:" + sha256(uri.getRawQuery()));
    this.headers = withBasicAuth(uri, options.headers());
  }

  /**
   * The sibling's URL: this URL's directory plus the key, each segment percent-encoded, so the key
   * can only name something at or below that directory on the same origin. The query (which may
   * carry a signature for this object only) is not carried over.
   */
  @Override
  public RangeTransport sibling(String relativeKey) {
    io.easystore.internal.io.SiblingKeys.check(relativeKey);
    StringBuilder path = new StringBuilder();
    for (String segment : relativeKey.split("/", -1)) {
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    URI resolved = uri.resolve(URI.create(path.toString()));
    return new HttpTransport(resolved, options, client);
  }

  /** The URL without user info and without the query, which may carry a signature. */
  private static String display(URI uri) {
    try {
      String base = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
      return uri.getRawQuery() == null ? base : base + "?...";
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost() + "/...";
    }
  }

  private static Map<String, String> withBasicAuth(URI uri, Map<String, String> headers) {
    String userInfo = uri.getUserInfo();
    boolean hasAuth = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("authorization"));
    if (userInfo == null || hasAuth) {
      return headers;
    }
    Map<String, String> h = new java.util.TreeMap<>(headers);
    h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    return Map.copyOf(h);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Tail fetchTail(int n) throws IOException {
    Response r = send(request().header("Range", "bytes=-" + n), n);
    switch (r.status) {
      case 206: {
        ContentRange cr = ContentRange.parse(r.header("Content-Range"), name, 206);
        if (cr.isUnsatisfied() || cr.total() < 0) {
          throw new RemoteProtocolException(name + ": the server did not report the object's size in Content-Range '"
              + r.header("Content-Range") + "'", 206);
        }
        long expected = Math.min(n, cr.total());
        if (cr.last() != cr.total() - 1 || cr.length() != expected) {
          throw new RemoteProtocolException(name + ": asked for the last " + n + " bytes, got Content-Range '"
              + r.header("Content-Range") + "'", 206);
        }
        byte[] body = r.exact(expected, cr.first());
        return new Tail(version(r.headers, cr.total()), body);
      }
      case 200: {
        if (r.body.overflow()) {
          throw new RemoteProtocolException(name + ": the server ignores Range requests (HTTP 200 with a body "
              + "longer than the " + n + " bytes asked for); ranged reads need a server that honours Range", 200);
        }
        byte[] body = Arrays.copyOf(r.body.bytes(), r.body.length());
        return new Tail(version(r.headers, body.length), body);
      }
      case 416: {
        ContentRange cr = ContentRange.parse(r.header("Content-Range"), name, 416);
        if (cr.isUnsatisfied() && cr.total() == 0) {
          return new Tail(version(r.headers, 0), new byte[0]);
        }
        throw new RemoteProtocolException(name + ": HTTP 416 for a suffix range with Content-Range '"
            + r.header("Content-Range") + "'", 416);
      }
      default:
        throw failure(r, null);
    }
  }

  @Override
  public byte[] fetch(long offset, int length, ObjectVersion pinned) throws IOException {
    long last = offset + length - 1;
    HttpRequest.Builder b = request().header("Range", "bytes=" + offset + "-" + last);
    if (pinned.etag() != null && !pinned.isWeak()) {
      b.header("If-Match", pinned.etag());
    } else if (pinned.lastModified() != null) {
      // A weak ETag never satisfies If-Match; the date is the best precondition left.
      b.header("If-Unmodified-Since", pinned.lastModified());
    }
    Response r = send(b, length);
    if (r.status == 206 || r.status == 200) {
      checkSameVersion(r, pinned);
    }
    switch (r.status) {
      case 206: {
        ContentRange cr = ContentRange.parse(r.header("Content-Range"), name, 206);
        if (!cr.isUnsatisfied() && cr.total() >= 0 && cr.total() != pinned.size()) {
          throw new ObjectChangedException(name, pinned.toString(), "size " + cr.total());
        }
        if (cr.first() != offset || cr.last() != last) {
          throw new RemoteProtocolException(name + ": asked for bytes " + offset + "-" + last
              + ", got Content-Range '" + r.header("Content-Range") + "'", 206);
        }
        return r.exact(length, offset);
      }
      case 200:
        if (offset == 0 && length == pinned.size() && !r.body.overflow() && r.body.length() == length) {
          return Arrays.copyOf(r.body.bytes(), length);
        }
        throw new RemoteProtocolException(name + ": HTTP 200 (the whole object) where 206 was expected for bytes "
            + offset + "-" + last + ": the server or a proxy ignores Range", 200);
      case 412:
        throw new ObjectChangedException(name, pinned.toString(), "HTTP 412, precondition failed");
      case 416: {
        String header = r.header("Content-Range");
        ContentRange cr = header == null ? null : ContentRange.parse(header, name, 416);
        if (cr != null && cr.total() >= 0 && cr.total() != pinned.size()) {
          throw new ObjectChangedException(name, pinned.toString(), "size " + cr.total());
        }
        throw new RemoteProtocolException(name + ": HTTP 416 for bytes " + offset + "-" + last + " of an object of "
            + pinned.size() + " bytes", 416);
      }
      default:
        throw failure(r, pinned);
    }
  }

  private void checkSameVersion(Response r, ObjectVersion pinned) throws ObjectChangedException {
    String etag = r.header("ETag");
    if (!pinned.sameEtag(etag)) {
      throw new ObjectChangedException(name, pinned.toString(), "ETag " + etag);
    }
    String modified = r.header("Last-Modified");
    if (pinned.etag() == null && pinned.lastModified() != null && modified != null
        && !modified.equals(pinned.lastModified())) {
      throw new ObjectChangedException(name, pinned.toString(), "Last-Modified " + modified);
    }
  }

  private static ObjectVersion version(HttpHeaders h, long size) {
    return new ObjectVersion(h.firstValue("ETag").orElse(null), null, h.firstValue("Last-Modified").orElse(null), size);
  }

  private IOException failure(Response r, ObjectVersion pinned) {
    int s = r.status;
    String detail = "HTTP " + s + r.snippet();
    if (s == 404 || s == 410) {
      return pinned == null ? new NoSuchFileException(name, null, detail)
          : new ObjectChangedException(name, pinned.toString(), detail + " (deleted)");
    }
    if (s == 401 || s == 403) {
      return new AccessDeniedException(name, null, detail);
    }
    if (s == 408 || s == 429 || s >= 500) {
      return new TransientRemoteException(name + ": " + detail, s, retryAfter(r.header("Retry-After")), null);
    }
    return new RemoteProtocolException(name + ": unexpected " + detail, s);
  }

  static Duration retryAfter(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    try {
      if (v.matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      Duration d = Duration.between(ZonedDateTime.now(java.time.ZoneOffset.UTC), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      // RFC 9110 says to ignore an invalid Retry-After; the policy's own backoff then applies.
      return null;
    }
  }

  /** A GET with the request timeout; {@link #sendTo} sets the target, the HTTP version and the headers. */
  private HttpRequest.Builder request() {
    return HttpRequest.newBuilder(uri).GET().timeout(options.requestTimeout());
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private Response send(HttpRequest.Builder builder, int maxBody) throws IOException {
    URI target = redirected;
    if (target != null) {
      Response r = sendTo(builder, target, maxBody);
      if (r.status != 404 && r.status != 410 && r.status != 401 && r.status != 403 && r.status / 100 != 3) {
        return r;
      }
      // The remembered target went away (a short-lived signed URL, say): ask the original URL again.
      redirected = null;
    }
    return sendTo(builder, uri, maxBody);
  }

  private Response sendTo(HttpRequest.Builder builder, URI target, int maxBody) throws IOException {
    HttpRequest.Builder b = builder.copy().uri(target);
    if ("http".equalsIgnoreCase(target.getScheme())) {
      // Cleartext HTTP/2 would add an Upgrade dance to every first request; ranges gain nothing from it.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    boolean sameOrigin = sameOrigin(target, uri);
    headers.forEach((k, v) -> {
      if (sameOrigin || !k.equalsIgnoreCase("authorization")) {
        b.header(k, v);
      }
    });
    HttpRequest req = b.build();
    CompletableFuture<HttpResponse<LimitedBodySubscriber.Body>> f = client.sendAsync(req,
        info -> new LimitedBodySubscriber(info.statusCode() / 100 == 2 ? maxBody : ERROR_BODY_CAP));
    Duration deadline = options.requestTimeout();
    try {
      HttpResponse<LimitedBodySubscriber.Body> resp = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (resp.statusCode() / 100 == 2 && !resp.uri().equals(target)) {
        redirected = resp.uri();
      }
      return new Response(resp.statusCode(), resp.headers(), resp.body());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new TransientRemoteException(name + ": no complete response within " + deadline, 0, null, e);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException(name + ": interrupted");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof SSLHandshakeException ssl) {
        throw new IOException(name + ": TLS handshake failed: " + ssl.getMessage(), ssl);
      }
      if (c instanceof IOException) {
        throw new TransientRemoteException(name + ": " + c, 0, null, c);
      }
      throw new IOException(name + ": request failed: " + c, c);
    }
  }

  private final class Response {
    final int status;
    final HttpHeaders headers;
    final LimitedBodySubscriber.Body body;

    Response(int status, HttpHeaders headers, LimitedBodySubscriber.Body body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    String header(String h) {
      return headers.firstValue(h).orElse(null);
    }

    /** The body, which must be exactly {@code expected} bytes long. */
    byte[] exact(long expected, long offset) throws IOException {
      if (body.overflow()) {
        throw new RemoteProtocolException(name + " @ offset " + offset + ": HTTP " + status
            + " body is longer than the " + expected + " bytes its Content-Range announced", status);
      }
      if (body.length() != expected) {
        throw new ShortReadException(name, offset, expected, body.length());
      }
      return body.bytes().length == expected ? body.bytes() : Arrays.copyOf(body.bytes(), body.length());
    }

    String snippet() {
      if (body.length() == 0) {
        return "";
      }
      // Error pages are often HTML: keep their words, not their markup, in a one-line message.
      String text = new String(body.bytes(), 0, Math.min(body.length(), 200), StandardCharsets.UTF_8)
          .replaceAll("<[^>]*>?", " ").replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?").trim();
      return text.isEmpty() ? "" : " (" + text + ")";
    }
  }

  @Override
  public void close() {
    // The HttpClient is shared; nothing per object to release.
  }
}
