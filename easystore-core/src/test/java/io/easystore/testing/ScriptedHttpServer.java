package io.easystore.testing;



import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 server on 127.0.0.1 over a raw {@link ServerSocket}, whose every response is
 * scripted by the test: wrong statuses, lying headers, bodies cut or stalled mid-way. One request
 * per connection ({@code Connection: close}). Handlers get the request number (0-based), so a
 * script can fail the first attempts and then succeed.
 */
public final class ScriptedHttpServer implements AutoCloseable {

  /** A parsed request head; header names are lower case. */
  public record Request(int number, String method, String target, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes one response. */
  @FunctionalInterface
  public interface Handler {
    void handle(Request request, Exchange exchange) throws IOException;
  }

  /** The connection of one request. */
  public final class Exchange {
    private final OutputStream out;

    Exchange(OutputStream out) {
      this.out = out;
    }

    /** A complete response with a correct Content-Length. */
    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
      head(status, headers, body.length);
      out.write(body);
      out.flush();
    }

    /** The status line and headers, announcing {@code contentLength} (or none if negative). */
    public void head(int status, Map<String, String> headers, long contentLength) throws IOException {
      StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
      headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
      if (contentLength >= 0) {
        sb.append("Content-Length: ").append(contentLength).append("\r\n");
      }
      sb.append("Connection: close\r\n\r\n");
      out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** Raw body bytes. */
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      out.flush();
    }

    /** Blocks until the server closes (at most 30 s): a body that never finishes. */
    public void stall() throws IOException {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Sleeps a little, for bodies that trickle. */
    public void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final ServerSocket server;
  private final Handler handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  public ScriptedHttpServer(Handler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "scripted-http-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Requests received so far, in arrival order. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Exceptions thrown by handlers other than the client hanging up. */
  public List<Throwable> errors() {
    return new ArrayList<>(errors);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-http-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      InputStream in = s.getInputStream();
      Request req = readRequest(in, s.getOutputStream());
      if (req == null) {
        return;
      }
      requests.add(req);
      handler.handle(req, new Exchange(s.getOutputStream()));
    } catch (java.net.SocketException e) {
      // The client hung up (a timeout or a cancelled exchange): expected in fault tests.
    } catch (IOException | RuntimeException e) {
      errors.add(e);
    } finally {
      sockets.remove(s);
    }
  }

  private Request readRequest(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (head.size() > 65_536) {
        throw new IOException("request head too long");
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] first = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    byte[] body = new byte[0];
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    }
    return new Request(counter.getAndIncrement(), first[0], first.length > 1 ? first[1] : "", headers, body);
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 206: return "Partial Content";
      case 404: return "Not Found";
      case 412: return "Precondition Failed";
      case 416: return "Range Not Satisfiable";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /**
   * Serves {@code content} as a well-behaved server would: single and suffix ranges (206), 416
   * when unsatisfiable, 412 when {@code If-Match} does not match {@code etag}, 200 without Range.
   */
  public static void serveRange(Request req, Exchange ex, byte[] content, String etag) throws IOException {
    Map<String, String> h = new TreeMap<>();
    h.put("ETag", etag);
    h.put("Accept-Ranges", "bytes");
    String ifMatch = req.header("If-Match");
    if (ifMatch != null && !ifMatch.equals(etag) && !ifMatch.equals("*")) {
      ex.respond(412, Map.of(), new byte[0]);
      return;
    }
    String range = req.header("Range");
    if (range == null) {
      ex.respond(200, h, content);
      return;
    }
    Matcher m = RANGE.matcher(range);
    if (!m.matches()) {
      ex.respond(200, h, content);
      return;
    }
    long n = content.length;
    long first;
    long last;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      first = Math.max(0, n - suffix);
      last = n - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? n - 1 : Math.min(n - 1, Long.parseLong(m.group(2)));
    }
    if (first >= n || n == 0) {
      h.put("Content-Range", "bytes */" + n);
      ex.respond(416, h, new byte[0]);
      return;
    }
    h.put("Content-Range", "bytes " + first + "-" + last + "/" + n);
    byte[] part = java.util.Arrays.copyOfRange(content, (int) first, (int) last + 1);
    ex.respond(206, h, part);
  }
}
