package io.easystore.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rebuilding a reference container from its manifest (same names, order and metadata; bodies
 * taken from the fixture) must give the reference writer's bytes exactly.
 */
class V1ByteIdenticalTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"v1-empty.des", "v1-basic.des", "v1-unicode.des", "v1-600.des"})
  void rebuildMatchesReferenceBytes(String container) throws IOException {
    JsonNode manifest = Fixtures.json("v1-manifest.json").get(container);
    Path out = tmp.resolve(container);
    try (DesReader original = DesReader.open(Fixtures.file(container));
        DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      for (JsonNode e : manifest) {
        ObjectNode meta = ((ObjectNode) e.get("meta")).deepCopy();
        meta.remove("size");
        w.addFile(e.get("name").asText(), original.getFile(e.get("name").asText()), meta);
      }
    }
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(Fixtures.file(container)));
  }
}
