package io.easystore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * A container with external entries plus its sibling files, framed in one input (see
 * {@link FuzzSeeds.Framed}): both the container and the sibling bodies are fuzzed, and every
 * reading path agrees or fails typed ({@code ExternalBodyException} or another named error).
 */
class ExternalEntryFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void externalEntriesReadAlikeOnEveryPathOrFailTyped(byte[] framed) {
    FuzzDirs.inFreshDir("external input of " + framed.length + " bytes", dir -> {
      Path c = FuzzSeeds.Framed.unpack(framed, dir, "c.des");
      if (c == null) {
        return null;
      }
      byte[] bytes = java.nio.file.Files.readAllBytes(c);
      return new ReadPaths(dir, "c.des", bytes, ReadPaths.OPTIONS).exerciseAll(bytes);
    });
  }
}
