package io.easystore.nio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the platform's own file system: proves the expectations themselves. */
class DefaultFsContractTest extends NioFileSystemContract {
  @TempDir
  Path dir;

  @Override
  protected Path newRoot() throws IOException {
    return Files.createDirectory(dir.resolve("root"));
  }
}
