package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.ReaderOptions;

/**
 * Encrypted containers: arbitrary bytes read with the fixed test key (key id "fuzz") through every
 * path, and edits of two committed encrypted bases (protected index; visible names) that must be
 * detected: some step refuses the input, and nothing damaged ever reads as data or metadata.
 */
class EncryptedContainerFuzzTest {
  static final ReaderOptions KEYED = ReadPaths.OPTIONS.withKeys(FuzzSeeds.KEY);
  static final FuzzDirs.Pristine[] BASES = {
      FuzzDirs.Pristine.of("enc-protected.des", KEYED), FuzzDirs.Pristine.of("enc-visible.des", KEYED)};

  @FuzzTest(maxDuration = "5m")
  void encryptedBytesReadAlikeOnEveryPathOrFailTyped(byte[] bytes) {
    FuzzDirs.inFreshDir("encrypted input of " + bytes.length + " bytes",
        dir -> new ReadPaths(dir, "fuzz.des", bytes, KEYED).exerciseAll(bytes));
  }

  @FuzzTest(maxDuration = "5m")
  void everyEditOfAnEncryptedContainerIsDetected(byte[] script) {
    if (script.length == 0) {
      return;
    }
    FuzzDirs.Pristine base = BASES[(script[0] & 0xFF) % BASES.length];
    byte[] bytes = EditScript.apply(base.bytes(), java.util.Arrays.copyOfRange(script, 1, script.length));
    boolean changed = !java.util.Arrays.equals(bytes, base.bytes());
    FuzzDirs.inFreshDir("edit script of " + script.length + " bytes", dir -> {
      ReadPaths paths = new ReadPaths(dir, "fuzz.des", bytes, KEYED).expecting(base.bodies(), base.meta());
      boolean opened = paths.exerciseAll(bytes);
      if (changed && opened && !paths.detected()) {
        // An edit that changes the length (an inserted byte) has its own id: it can only add slack.
        io.easystore.testing.FuzzChecks.defect(bytes.length == base.bytes().length ? "undetected-edit"
            : "undetected-length-edit", "an edit of an encrypted container was not"
            + " detected by open, read, getMeta or verify (edit script " + java.util.HexFormat.of().formatHex(script)
            + ")", null);
      }
      return null;
    });
  }
}
