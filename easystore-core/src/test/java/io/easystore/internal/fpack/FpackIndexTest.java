package io.easystore.internal.fpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.testing.Fixtures;
import io.easystore.testing.TrickleSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FpackIndexTest {

  @Test
  void referencePackHasTheManifestsNonHiddenPathsAndBodies() throws IOException {
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (JsonNode e : Fixtures.json("fp-dataset-manifest.json")) {
      if (!e.get("hidden").asBoolean()) {
        expected.put(e.get("path").asText(), e);
      }
    }
    assertThat(expected).hasSize(101);
    try (RangeSource src = new TrickleSource(RangeSources.file(Fixtures.file("fp-dataset.fpack")), 13)) {
      assertThat(FpackIndex.looksLikeFpack(src)).isTrue();
      FpackIndex.Table t = FpackIndex.read(src, 1000);
      assertThat(t.basePath()).isEqualTo("tree");
      assertThat(t.entries()).extracting(IndexEntry::name).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (IndexEntry e : t.entries()) {
        byte[] body = src.readFully(e.dataOffset(), (int) e.size());
        assertThat(Fixtures.sha256(body)).as(e.name()).isEqualTo(expected.get(e.name()).get("sha256").asText());
      }
    }
  }

  @Test
  void desContainersAreNotMistakenForPacks() throws IOException {
    for (String f : new String[] {"v1-basic.des", "v1-empty.des", "v1-600.des"}) {
      try (RangeSource src = RangeSources.file(Fixtures.file(f))) {
        assertThat(FpackIndex.looksLikeFpack(src)).as(f).isFalse();
      }
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedPacksGiveTypedErrors(long seed) throws IOException {
    byte[] pack = Files.readAllBytes(Fixtures.file("fp-dataset.fpack"));
    Random rnd = new Random(seed);
    byte[] bad;
    switch (rnd.nextInt(3)) {
      case 0 -> bad = java.util.Arrays.copyOf(pack, rnd.nextInt(pack.length));
      case 1 -> {
        bad = pack.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(1, rnd.nextBoolean() ? -1 : rnd.nextInt(1 << 20));
      }
      default -> {
        bad = pack.clone();
        int sizes = 265 + 101 * 128;
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(sizes + 8 * rnd.nextInt(101), rnd.nextLong());
      }
    }
    byte[] input = bad;
    if (java.util.Arrays.equals(input, pack)) {
      return;
    }
    assertThatThrownBy(() -> FpackIndex.read(RangeSources.memory("bad.fpack", input), 1_000_000))
        .as("seed " + seed).isInstanceOf(CorruptContainerException.class).hasMessageContaining("bad.fpack");
  }
}
