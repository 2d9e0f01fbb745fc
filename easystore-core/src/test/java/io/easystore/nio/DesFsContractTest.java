package io.easystore.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a des file system on a new container, opened through its {@code des:} URI
 * with {@code create=true} and the default commit policy: every read goes through the updater's
 * view of its own pending changes.
 */
class DesFsContractTest extends NioFileSystemContract {
  @TempDir
  Path dir;
  private FileSystem fs;

  @Override
  protected Path newRoot() throws IOException {
    Path container = dir.resolve("contract.des");
    fs = FileSystems.newFileSystem(URI.create("des:" + container.toUri()), Map.of("create", "true"));
    return Files.createDirectory(fs.getPath("/root"));
  }

  @Override
  protected void closeRoot() throws IOException {
    if (fs != null) {
      fs.close();
    }
  }
}
