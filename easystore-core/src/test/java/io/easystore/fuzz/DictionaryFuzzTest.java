package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * v2 containers with trained zstd dictionaries (seed: 40 similar JSON entries, 1 KiB dictionary),
 * through every reading path; the same invariant as {@link DesReadPathsFuzzTest}.
 */
class DictionaryFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void dictionaryContainersReadAlikeOnEveryPathOrFailTyped(byte[] bytes) {
    FuzzDirs.inFreshDir("dictionary input of " + bytes.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.des", bytes, ReadPaths.OPTIONS).exerciseAll(bytes));
  }
}
