package io.easystore.nio;

import io.easystore.testing.JettyFileServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only contract against a container served over HTTP by a real Range-capable server,
 * opened as {@code des:http://127.0.0.1:PORT/f1.des} (read-only without asking).
 */
class DesRemoteReadOnlyTest extends NioReadOnlyContract {
  @TempDir
  static Path served;
  @TempDir
  static Path build;
  private static JettyFileServer server;
  private static URI container;
  private FileSystem fs;

  @BeforeAll
  static void serve() throws Exception {
    server = new JettyFileServer(served);
    container = server.publish(Files.readAllBytes(NioTestTree.container(build)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Override
  protected Path openTree() throws IOException {
    fs = FileSystems.newFileSystem(URI.create("des:" + container), Map.of());
    return fs.getPath("/");
  }

  @Override
  protected void closeTree() throws IOException {
    fs.close();
  }
}
