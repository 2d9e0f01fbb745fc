package io.easystore.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.testing.Fixtures;
import io.easystore.testing.TrickleSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every v1 container written by the original Python DES reads back as its manifest says. */
class V1FixtureCompatibilityTest {

  interface SourceFactory {
    RangeSource open(Path p) throws IOException;
  }

  static Stream<Arguments> containersAndSources() {
    List<Arguments> out = new ArrayList<>();
    for (String c : List.of("v1-empty.des", "v1-basic.des", "v1-unicode.des", "v1-600.des")) {
      out.add(Arguments.of(c, "file", (SourceFactory) RangeSources::file));
      out.add(Arguments.of(c, "mmap", (SourceFactory) RangeSources::mmap));
      out.add(Arguments.of(c, "memory", (SourceFactory) p -> RangeSources.memory(p.toString(), Files.readAllBytes(p))));
      out.add(Arguments.of(c, "trickle-1", (SourceFactory) p -> new TrickleSource(RangeSources.file(p), 1)));
      out.add(Arguments.of(c, "trickle-7", (SourceFactory) p -> new TrickleSource(RangeSources.file(p), 7)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("containersAndSources")
  void readsEveryNameBodyAndMetaOfTheReferenceManifest(String container, String kind, SourceFactory factory)
      throws IOException {
    JsonNode manifest = Fixtures.json("v1-manifest.json").get(container);
    try (DesReader r = DesReader.open(factory.open(Fixtures.file(container)), ReaderOptions.defaults())) {
      assertThat(r.formatVersion()).isEqualTo(1);
      List<String> expectedNames = new ArrayList<>();
      manifest.forEach(e -> expectedNames.add(e.get("name").asText()));
      assertThat(r.listFiles()).containsExactlyElementsOf(expectedNames);
      assertThat(r.stats().entries()).isEqualTo(expectedNames.size());

      for (JsonNode e : manifest) {
        String name = e.get("name").asText();
        assertThat(r.contains(name)).isTrue();
        byte[] body = r.getFile(name);
        assertThat(body).hasSize(e.get("size").asInt());
        assertThat(Fixtures.sha256(body)).as(name).isEqualTo(e.get("sha256").asText());
        assertThat(r.getMeta(name)).as(name).isEqualTo(e.get("meta"));
        try (InputStream in = r.openStream(name)) {
          assertThat(in.readAllBytes()).isEqualTo(body);
        }
      }
      Map<String, byte[]> batch = r.getFiles(expectedNames);
      assertThat(batch.keySet()).containsExactlyElementsOf(expectedNames);
      for (JsonNode e : manifest) {
        assertThat(Fixtures.sha256(batch.get(e.get("name").asText()))).isEqualTo(e.get("sha256").asText());
      }
      VerifyReport report = r.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.entriesChecked()).isEqualTo(expectedNames.size());
    }
  }
}
