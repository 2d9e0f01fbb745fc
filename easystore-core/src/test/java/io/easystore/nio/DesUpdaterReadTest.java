package io.easystore.nio;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read contract against a writable des file system over a prepared container: reads go
 * through the updater's view rather than a plain reader.
 */
class DesUpdaterReadTest extends NioReadContract {
  @TempDir
  Path dir;
  private FileSystem fs;

  @Override
  protected Path openTree() throws IOException {
    fs = DesFileSystem.open(NioTestTree.container(dir), Map.of());
    return fs.getPath("/");
  }

  @Override
  protected void closeTree() throws IOException {
    if (fs != null) {
      fs.close();
    }
  }
}
