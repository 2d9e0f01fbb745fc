package io.easystore.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the committed seeds and bases from the current writers. Runs only on request:
 * {@code ./mvnw -pl easystore-core -am test -Dtest=FuzzSeedsWriter -Deasystore.fuzz.writeSeeds=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Encrypted seeds differ on every run (random nonces).
 */
@EnabledIfSystemProperty(named = "easystore.fuzz.writeSeeds", matches = "true")
class FuzzSeedsWriter {
  static final Path RES = Paths.get("src/test/resources/io/easystore/fuzz");

  @Test
  void writeSeeds(@TempDir Path tmp) throws IOException {
    Map<String, byte[]> plain = FuzzSeeds.plain(tmp);
    put("DesReadPathsFuzzTestInputs/containersReadAlikeOnEveryPathOrFailTyped", plain);
    put("DictionaryFuzzTestInputs/dictionaryContainersReadAlikeOnEveryPathOrFailTyped", FuzzSeeds.dictionaries(tmp));
    put("UpdatedContainerFuzzTestInputs/updatedContainersReadAlikeAndUpdateOrRefuseTyped", FuzzSeeds.updated(tmp));
    put("ExternalEntryFuzzTestInputs/externalEntriesReadAlikeOnEveryPathOrFailTyped", FuzzSeeds.external(tmp));
    Map<String, byte[]> enc = FuzzSeeds.encrypted(tmp);
    put("EncryptedContainerFuzzTestInputs/encryptedBytesReadAlikeOnEveryPathOrFailTyped", enc);
    put("FpackFuzzTestInputs/packsReadAlikeOnEveryPathOrFailTyped", FuzzSeeds.fpack(tmp));
    Files.createDirectories(RES.resolve("bases"));
    Files.write(RES.resolve("bases/enc-protected.des"), enc.get("enc-protected"));
    Files.write(RES.resolve("bases/enc-visible.des"), enc.get("enc-visible"));
    Files.write(RES.resolve("bases/v2-xxh-meta.des"), plain.get("v2-xxh-meta"));
    Files.write(RES.resolve("bases/v2-zstd.des"), plain.get("v2-zstd"));
    // Edit-script seeds: no edit, one bit flip in the middle, and a truncation, on each base.
    put("EncryptedContainerFuzzTestInputs/everyEditOfAnEncryptedContainerIsDetected", scripts());
    put("ChecksumTamperFuzzTestInputs/editsOfAChecksummedContainerNeverReadAsData", scripts());
  }

  private static Map<String, byte[]> scripts() {
    return Map.of("flip-base1", new byte[] {1, 0, 0, 1, 0, 5},
        "truncate-base0", new byte[] {0, 2, 0, 0, 90, 0});
  }

  private static void put(String dir, Map<String, byte[]> seeds) throws IOException {
    Path d = Files.createDirectories(RES.resolve(dir));
    for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
      Files.write(d.resolve("seed-" + e.getKey()), e.getValue());
    }
  }
}
