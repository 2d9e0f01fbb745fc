package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Edits of checksummed v2 containers (xxHash64 with metadata and attributes; zstd with CRC-32C):
 * whatever the edit, no path returns a body or metadata that differs from the pristine container
 * as success, and a body refused as corrupt makes verify() report a problem.
 */
class ChecksumTamperFuzzTest {
  static final FuzzDirs.Pristine[] BASES = {
      FuzzDirs.Pristine.of("v2-xxh-meta.des", ReadPaths.OPTIONS), FuzzDirs.Pristine.of("v2-zstd.des", ReadPaths.OPTIONS)};

  @FuzzTest(maxDuration = "5m")
  void editsOfAChecksummedContainerNeverReadAsData(byte[] script) {
    if (script.length == 0) {
      return;
    }
    FuzzDirs.Pristine base = BASES[(script[0] & 0xFF) % BASES.length];
    byte[] bytes = EditScript.apply(base.bytes(), java.util.Arrays.copyOfRange(script, 1, script.length));
    FuzzDirs.inFreshDir("edit script of " + script.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.des", bytes, ReadPaths.OPTIONS).expecting(base.bodies(), base.meta())
            .exerciseAll(bytes));
  }

  /**
   * Edits of the root block and footer with the footer CRC recomputed (lengths, offsets, keys,
   * counts set to hostile values): the index now lies consistently, so bodies may legitimately
   * read differently, but every path must still agree, never allocate a claimed size, never report
   * a listed name as missing, and fail only with typed, named errors.
   */
  @FuzzTest(maxDuration = "5m")
  void crcFixedIndexEditsFailTypedOnEveryPath(byte[] script) {
    if (script.length == 0) {
      return;
    }
    FuzzDirs.Pristine base = BASES[(script[0] & 0xFF) % BASES.length];
    byte[] bytes = EditScript.applyToIndexWithCrcFixed(base.bytes(),
        java.util.Arrays.copyOfRange(script, 1, script.length));
    FuzzDirs.inFreshDir("index edit script of " + script.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.des", bytes, ReadPaths.OPTIONS).exerciseAll(bytes));
  }
}
