package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import io.easystore.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Containers updated in place (seeds: v2 zstd and uncompressed after two commits of put, replace,
 * delete and rename, so they carry delta segments and a commit record), mutated by the fuzzer:
 * every reading path agrees or fails typed, and the update engine opened on the damaged copy either
 * refuses it with a typed error or commits an entry that then reads back exactly.
 */
class UpdatedContainerFuzzTest {
  static final byte[] PROBE = "written by the fuzz target".getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "5m")
  void updatedContainersReadAlikeAndUpdateOrRefuseTyped(byte[] bytes) {
    FuzzDirs.inFreshDir("updated input of " + bytes.length + " bytes", dir -> {
      ReadPaths paths = new ReadPaths(dir, "fuzz.des", bytes, ReadPaths.OPTIONS);
      if (paths.exerciseAll(bytes)) {
        update(dir.resolve("fuzz.des"));
      }
      return null;
    });
  }

  private static void update(Path file) {
    Boolean committed = FuzzChecks.attempt("fuzz.des", "update", () -> {
      try (DesUpdater u = DesUpdater.open(file)) {
        u.put("fuzz/probe.txt", PROBE, null, null);
        u.commit();
      }
      return true;
    });
    if (committed == null) {
      return;
    }
    byte[] back = FuzzChecks.attempt("fuzz.des", "reopen after update", () -> {
      try (DesReader r = DesReader.open(file, ReadPaths.OPTIONS)) {
        return r.getFile("fuzz/probe.txt");
      }
    });
    if (back != null && !Arrays.equals(back, PROBE)) {
      FuzzChecks.defect("update-readback", "the entry committed into a damaged container reads back different bytes",
          null);
    }
  }
}
