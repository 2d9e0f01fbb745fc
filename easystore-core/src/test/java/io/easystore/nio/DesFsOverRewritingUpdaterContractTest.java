package io.easystore.nio;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a des file system whose updater is the naive {@link RewritingUpdater}:
 * checks the provider's write half independently of the mutation engine, so a failure here is
 * the provider's and a failure only in {@link DesFsContractTest} is the engine's.
 */
class DesFsOverRewritingUpdaterContractTest extends NioFileSystemContract {
  @TempDir
  Path dir;
  private FileSystem fs;

  @Override
  protected Path newRoot() throws IOException {
    fs = DesTestSupport.overRewritingUpdater(dir.resolve("contract.des"), Map.of());
    return Files.createDirectory(fs.getPath("/root"));
  }

  @Override
  protected void closeRoot() throws IOException {
    fs.close();
  }
}
