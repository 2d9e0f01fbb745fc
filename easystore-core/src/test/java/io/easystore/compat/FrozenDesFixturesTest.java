package io.easystore.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link FrozenDesFixtures}. By default into a temporary directory, and then today's writer
 * must still produce, from the frozen seed, exactly the logical content the frozen manifest
 * records (so the generator stays reproducible and a writer change that alters content is seen).
 * With {@code -Dfrozen.write=true} it writes a new frozen directory into the source tree, which it
 * refuses to do over an existing one.
 */
class FrozenDesFixturesTest {
  /** Differ between runs by design: container UUIDs name the v2 siblings. */
  static final Set<String> VOLATILE = Set.of("external_key");

  @TempDir
  Path tmp;

  @Test
  void generatorReproducesTheFrozenLogicalContentFromItsSeed() throws IOException {
    Path out = FrozenFiles.writeRequested() ? FrozenFiles.outputDir(FrozenDesFixtures.DIRECTORY)
        : tmp.resolve(FrozenDesFixtures.DIRECTORY);
    JsonNode fresh = FrozenDesFixtures.writeAll(out);
    JsonNode frozen = FrozenFiles.manifest(FrozenFiles.writeRequested() ? out
        : FrozenFiles.dir(FrozenDesFixtures.DIRECTORY));
    assertThat(FrozenFiles.without(fresh.path("containers"), VOLATILE).toPrettyString())
        .isEqualTo(FrozenFiles.without(frozen.path("containers"), VOLATILE).toPrettyString());
    assertThat(fresh.path("keys")).isEqualTo(frozen.path("keys"));
    assertThat(fresh.path("generator").path("seed")).isEqualTo(frozen.path("generator").path("seed"));
  }
}
