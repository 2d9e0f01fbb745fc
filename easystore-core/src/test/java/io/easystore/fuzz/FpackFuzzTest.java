package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * FilePacker {@code .fpack} bytes through every reading path. The format has no checksums, so only
 * agreement between paths and typed errors are checked, not detection.
 */
class FpackFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void packsReadAlikeOnEveryPathOrFailTyped(byte[] bytes) {
    FuzzDirs.inFreshDir("fpack input of " + bytes.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.fpack", bytes, ReadPaths.OPTIONS).exerciseAll(bytes));
  }
}
