package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.LimitExceededException;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DesBridgeTest {
  @TempDir Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 15);
  }

  private ElsStore store(String name) throws IOException {
    return ElsStore.open(tmp.resolve(name), ElsOptions.defaults().withSync(false));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomDocumentsTravelThroughOneContainer(long seed) throws IOException {
    Random r = new Random(seed);
    String text = RandomJson.MAPPER.writeValueAsString(RandomJson.document(r, 1 + r.nextInt(4)));
    ElsStore a = store("a");
    JsonMapping.importJson(a, text);
    Path des = tmp.resolve("a.des");
    DesBridge.toDes(a, des);
    try (DesReader reader = DesReader.open(des)) {
      assertThat(reader.listFiles()).first().isEqualTo("b");
      assertThat(reader.listFiles()).allSatisfy(n -> assertThat(n)
          .matches("[bv](;[^/\\\\:*?\"<>|\\x00-\\x1f\\x7f]*)*"));
    }
    ElsStore b = ElsStore.open(tmp.resolve("b"), ElsOptions.defaults().withSync(false).withCaseInsensitive(true));
    b.rootBucket().put("stale", new byte[] {1});
    DesBridge.fromDes(des, b);
    assertThat(JsonMapping.exportJson(b, false)).as("seed %d", seed).isEqualTo(text);
  }

  @Test
  void binaryValuesAndAppendsTravelToo() throws IOException {
    ElsStore a = store("a");
    byte[] big = ValueRoundTripPropertyTest.randomBytes(new Random(5), 900_000);
    a.bucket(List.of("bin", "a/b:c")).put("x", big);
    a.bucket(List.of("bin", "a/b:c")).append("x", new byte[] {1, 2});
    a.bucket(List.of("bin")).put("%;*?", new byte[] {(byte) 0xff});
    a.rootBucket().put("", new byte[0]);
    Path des = tmp.resolve("a.des");
    DesBridge.toDes(a, des);
    try (DesReader reader = DesReader.open(des)) {
      assertThat(reader.listFiles()).containsExactly("b", "b;bin", "b;bin;a%2Fb%3Ac", "v;bin;a%2Fb%3Ac;x",
          "v;bin;%25%3B%2A%3F", "v;");
      JsonNode meta = reader.getMeta("v;bin;%25%3B%2A%3F");
      assertThat(meta.get("kind").asText()).isEqualTo("bytes");
      assertThat(meta.get("els").asInt()).isEqualTo(1);
    }
    ElsStore b = store("b");
    DesBridge.fromDes(des, b);
    byte[] expect = java.util.Arrays.copyOf(big, big.length + 2);
    expect[big.length] = 1;
    expect[big.length + 1] = 2;
    assertThat(b.bucket(List.of("bin", "a/b:c")).get("x").orElseThrow()).isEqualTo(expect);
    assertThat(b.bucket(List.of("bin")).get("%;*?").orElseThrow()).containsExactly(0xff);
    assertThat(b.rootBucket().entries()).extracting(ElsEntry::name).containsExactly("bin", "");
  }

  @Test
  void containersThatAreNotElsCopiesLeaveTheStoreUntouched() throws IOException {
    ElsStore s = store("s");
    JsonMapping.importJson(s, "{\"keep\":true}");
    Path plain = tmp.resolve("plain.des");
    try (DesWriter w = DesWriter.create(plain, WriterOptions.v1())) {
      w.addFile("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> DesBridge.fromDes(plain, s)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("readme.txt");
    Path orphan = tmp.resolve("orphan.des");
    try (DesWriter w = DesWriter.create(orphan, WriterOptions.v1())) {
      w.addFile("b", new byte[0], DesWriter.meta(Map.of("els", 1, "kind", "object", "ordinal", 0)));
      w.addFile("v;missing;k", new byte[0], DesWriter.meta(Map.of("els", 1, "kind", "null", "ordinal", 0)));
    }
    assertThatThrownBy(() -> DesBridge.fromDes(orphan, s)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("parent bucket");
    Path future = tmp.resolve("future.des");
    try (DesWriter w = DesWriter.create(future, WriterOptions.v1())) {
      w.addFile("b", new byte[0], DesWriter.meta(Map.of("els", 2, "kind", "object", "ordinal", 0)));
    }
    assertThatThrownBy(() -> DesBridge.fromDes(future, s))
        .isInstanceOf(io.easystore.UnsupportedVersionException.TooNew.class);
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo("{\"keep\":true}");
  }

  @Test
  void entryNamesLongerThanDesAllowsAreALimitError() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false).withMaxKeyBytes(40_000));
    String k = "/".repeat(25_000);
    s.rootBucket().put(k, new byte[0]);
    assertThatThrownBy(() -> DesBridge.toDes(s, tmp.resolve("x.des"))).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("DES entry name length");
    assertThat(tmp.resolve("x.des")).doesNotExist();
  }
}
