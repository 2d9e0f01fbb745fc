package io.easystore.nio;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only contract against a local DES v2 container opened with {@code readOnly=true}
 * through {@link FileSystems#newFileSystem(Path, Map)}, which finds the des provider among the
 * installed ones.
 */
class DesReadOnlyTest extends NioReadOnlyContract {
  @TempDir
  Path dir;
  private FileSystem fs;

  @Override
  protected Path openTree() throws IOException {
    fs = FileSystems.newFileSystem(NioTestTree.container(dir), Map.of("readOnly", "true"));
    return fs.getPath("/");
  }

  @Override
  protected void closeTree() throws IOException {
    fs.close();
  }
}
