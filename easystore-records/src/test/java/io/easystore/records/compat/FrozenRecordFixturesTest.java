package io.easystore.records.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link FrozenRecordFixtures}: by default into a temporary directory, and today's writers
 * must still produce, from the frozen seed, the logical content the frozen manifest records
 * (records, bookmarks, pages, index lookups). With {@code -Dfrozen.write=true} it writes a new
 * frozen directory into the source tree, never over an existing one.
 */
class FrozenRecordFixturesTest {
  /** Random per archive by design. */
  static final Set<String> VOLATILE = Set.of("archive_id");

  @TempDir
  Path tmp;

  @Test
  void generatorReproducesTheFrozenLogicalContentFromItsSeed() throws IOException {
    Path out = FrozenFiles.writeRequested() ? FrozenFiles.outputDir(FrozenRecordFixtures.DIRECTORY)
        : tmp.resolve(FrozenRecordFixtures.DIRECTORY);
    JsonNode fresh = FrozenRecordFixtures.writeAll(out);
    JsonNode frozen = FrozenFiles.manifest(FrozenFiles.writeRequested() ? out
        : FrozenFiles.dir(FrozenRecordFixtures.DIRECTORY));
    for (String part : new String[] {"archives", "indexes", "keys"}) {
      assertThat(FrozenFiles.without(fresh.path(part), VOLATILE).toPrettyString()).as(part)
          .isEqualTo(FrozenFiles.without(frozen.path(part), VOLATILE).toPrettyString());
    }
  }
}
