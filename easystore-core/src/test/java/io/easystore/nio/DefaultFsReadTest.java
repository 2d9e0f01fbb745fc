package io.easystore.nio;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The read contract against the platform's file system: proves the expectations themselves. */
class DefaultFsReadTest extends NioReadContract {
  @TempDir
  Path dir;

  @Override
  protected Path openTree() throws IOException {
    NioTestTree.write(dir);
    return dir;
  }
}
