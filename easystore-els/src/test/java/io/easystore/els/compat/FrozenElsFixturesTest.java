package io.easystore.els.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link FrozenElsFixtures}: by default into a temporary directory, and today's code must
 * still produce, from the frozen seed, the logical content the frozen manifest records. With
 * {@code -Dfrozen.write=true} it writes a new frozen directory into the source tree, never over an
 * existing one.
 */
class FrozenElsFixturesTest {
  @TempDir
  Path tmp;

  @Test
  void generatorReproducesTheFrozenLogicalContentFromItsSeed() throws IOException {
    Path out = FrozenFiles.writeRequested() ? FrozenFiles.outputDir(FrozenElsFixtures.DIRECTORY)
        : tmp.resolve(FrozenElsFixtures.DIRECTORY);
    JsonNode fresh = FrozenElsFixtures.writeAll(out);
    JsonNode frozen = FrozenFiles.manifest(FrozenFiles.writeRequested() ? out
        : FrozenFiles.dir(FrozenElsFixtures.DIRECTORY));
    assertThat(fresh.path("stores").toPrettyString()).isEqualTo(frozen.path("stores").toPrettyString());
  }
}
