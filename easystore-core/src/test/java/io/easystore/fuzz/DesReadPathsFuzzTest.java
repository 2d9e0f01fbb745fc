package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * DES v1 and v2 bytes (seeds: v1, v2 none/deflate/zstd, xxHash with metadata and attributes) read
 * through memory, file, mmap, the {@code des:} file system (readAllBytes, seekable channel with
 * position()), FileTrees, batch reads and verify: every path gives the same data or a typed,
 * named error. Plain runs replay the saved inputs; {@code -Pfuzz} searches (see README).
 */
class DesReadPathsFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void containersReadAlikeOnEveryPathOrFailTyped(byte[] bytes) {
    FuzzDirs.inFreshDir("DES input of " + bytes.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.des", bytes, ReadPaths.OPTIONS).exerciseAll(bytes));
  }
}
