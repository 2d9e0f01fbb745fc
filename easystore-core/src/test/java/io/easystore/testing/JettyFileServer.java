package io.easystore.testing;



import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A real Range-capable static file server (Jetty 12's ResourceHandler) on 127.0.0.1, serving a
 * directory. Start one per test class.
 */
public final class JettyFileServer {
  private final Server server;
  private final ServerConnector connector;
  private final Path root;
  private final AtomicInteger counter = new AtomicInteger();

  public JettyFileServer(Path root) throws Exception {
    this.root = root;
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(files).newResource(root));
    files.setEtags(true);
    files.setDirAllowed(false);
    files.setAcceptRanges(true);
    server.setHandler(files);
    server.setStopTimeout(0);
    server.start();
  }

  /** Writes {@code content} under a fresh name and returns its URL. */
  public URI publish(byte[] content) throws Exception {
    String name = "f" + counter.incrementAndGet() + ".des";
    Files.write(root.resolve(name), content);
    return uri(name);
  }

  /** Replaces a published file atomically, as a writer that renames into place would. */
  public void replace(URI uri, byte[] content) throws Exception {
    String name = Path.of(uri.getPath()).getFileName().toString();
    Path tmp = Files.write(root.resolve(name + ".tmp"), content);
    Files.move(tmp, root.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public URI uri(String name) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/" + name);
  }

  public void close() throws Exception {
    server.stop();
  }
}
