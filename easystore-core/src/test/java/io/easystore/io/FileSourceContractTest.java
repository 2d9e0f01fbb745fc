package io.easystore.io;

import io.easystore.testing.RangeSourceContract;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract for {@link RangeSources#file}. */
class FileSourceContractTest extends RangeSourceContract {
  @TempDir Path dir;
  private int counter;

  @Override
  protected RangeSource open(byte[] content) throws Exception {
    Path p = Files.write(dir.resolve("c" + counter++ + ".des"), content);
    return RangeSources.file(p);
  }
}
