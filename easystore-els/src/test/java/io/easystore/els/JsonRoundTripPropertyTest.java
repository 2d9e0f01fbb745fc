package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Import then export gives back the same JSON text: key order, array order, types, number spelling. */
class JsonRoundTripPropertyTest {
  @TempDir Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 60);
  }

  private ElsStore store(String name, boolean caseInsensitive) throws IOException {
    return ElsStore.open(tmp.resolve(name), ElsOptions.defaults().withSync(false)
        .withCaseInsensitive(caseInsensitive));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomDocumentsComeBackByteForByte(long seed) throws IOException {
    Random r = new Random(seed);
    JsonNode doc = RandomJson.document(r, 1 + r.nextInt(5));
    String text = RandomJson.MAPPER.writeValueAsString(doc);
    ElsStore s = store("s", seed % 3 == 0);
    JsonMapping.importJson(s, text);
    assertThat(JsonMapping.exportJson(s, false)).as("seed %d", seed).isEqualTo(text);
    String pretty = JsonMapping.exportJson(s, true);
    assertThat(RandomJson.MAPPER.readTree(pretty)).isEqualTo(RandomJson.MAPPER.readTree(text));
    // A second import into the same store replaces everything.
    JsonNode other = RandomJson.document(r, 2);
    String otherText = RandomJson.MAPPER.writeValueAsString(other);
    JsonMapping.importJson(s, otherText);
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo(otherText);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{}", "[]", "\"\"", "0", "-0", "-0.0", "1E+2", "1e-7", "123456789012345678901234567890123",
    "3.141592653589793238462643383279", "true", "false", "null", "\"only a string\"",
    "{\"\":{\"\":[]}}", "[[],[[]],{}]", "[null,true,false,1.50,\"x\"]",
    "{\"b\":1,\"a\":2,\"c\":{\"z\":[3,2,1],\"y\":{}}}", "[\"\\u0000\\n\\t\\\"\\\\/\"]",
  })
  void edgeDocumentsComeBackExactly(String text) throws IOException {
    ElsStore s = store("s", false);
    JsonMapping.importJson(s, text);
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo(text);
  }

  @Test
  void generatedDocumentsAreNotTrivial() {
    int total = 0;
    for (long seed : seeds().toArray()) {
      Random r = new Random(seed);
      total += RandomJson.size(RandomJson.document(r, 1 + r.nextInt(5)));
    }
    assertThat(total).as("nodes over all seeds").isGreaterThan(2000);
  }

  @Test
  void longArraysAndObjectsKeepTheirOrderPastOneDigit() throws IOException {
    StringBuilder sb = new StringBuilder("{\"arr\":[");
    for (int i = 0; i < 150; i++) {
      sb.append(i == 0 ? "" : ",").append(149 - i);
    }
    sb.append("],\"obj\":{");
    Random r = new Random(7);
    for (int i = 0; i < 150; i++) {
      sb.append(i == 0 ? "" : ",").append("\"k").append(r.nextInt(1_000_000)).append('_').append(i).append("\":").append(i);
    }
    String text = sb.append("}}").toString();
    ElsStore s = store("s", false);
    JsonMapping.importJson(s, text);
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo(text);
  }

  @Test
  void arraysAndObjectsKeepTheirKindAndOrder() throws IOException {
    ElsStore s = store("s", false);
    JsonMapping.importJson(s, "{\"list\":[\"c\",\"b\",\"a\"],\"obj\":{\"2\":0,\"1\":0}}");
    ElsBucket root = s.rootBucket();
    assertThat(root.entries()).extracting(ElsEntry::kind).containsExactly(ElsKind.ARRAY, ElsKind.OBJECT);
    assertThat(s.bucket(List.of("list")).keys()).containsExactly("0", "1", "2");
    assertThat(new String(s.bucket(List.of("list")).get("0").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("c");
    assertThat(s.bucket(List.of("obj")).keys()).containsExactly("2", "1");
  }

  @Test
  void badDocumentsLeaveTheStoreUntouched() throws IOException {
    ElsStore s = store("s", false);
    JsonMapping.importJson(s, "{\"keep\":1}");
    for (String bad : List.of("{\"a\":1,\"a\":2}", "{\"a\":", "[1,2", "{} x", "", "{\"a\":\"\\ud800\"}",
        "{\"\\udc00\":1}", "[01]", "{'a':1}")) {
      assertThatThrownBy(() -> JsonMapping.importJson(s, bad)).as(bad)
          .isInstanceOf(CorruptContainerException.class);
      assertThat(JsonMapping.exportJson(s, false)).isEqualTo("{\"keep\":1}");
    }
  }

  @Test
  void nestingBeyondTheDepthLimitIsRefusedWithTheOptionToRaiseIt() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false).withMaxDepth(3));
    JsonMapping.importJson(s, "[[[[1]]]]");
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo("[[[[1]]]]");
    assertThatThrownBy(() -> JsonMapping.importJson(s, "{\"a\":[[[[1]]]]}"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("--max-depth")
        .hasMessageContaining("/a/0/0/0");
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo("[[[[1]]]]");
  }

  @Test
  void binaryValuesHaveNoJsonFormAndSayWhichKey() throws IOException {
    ElsStore s = store("s", false);
    s.bucket(List.of("x")).put("text", "plain".getBytes(StandardCharsets.UTF_8));
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo("{\"x\":{\"text\":\"plain\"}}");
    s.bucket(List.of("x")).put("bin", new byte[] {(byte) 0xff, 0});
    assertThatThrownBy(() -> JsonMapping.exportJson(s, false)).isInstanceOf(IOException.class)
        .hasMessageContaining("/x/bin").hasMessageContaining("binary");
  }

  @Test
  void exportToAFileIsAtomicAndComplete() throws IOException {
    ElsStore s = store("s", true);
    JsonMapping.importJson(s, "{\"a\":[1,2,{\"b\":null}]}");
    Path out = tmp.resolve("out.json");
    JsonMapping.exportJson(s, out, false);
    assertThat(Files.readString(out)).isEqualTo("{\"a\":[1,2,{\"b\":null}]}");
    Path doc = tmp.resolve("doc.json");
    Files.writeString(doc, "{\"z\":\"ü\"}");
    JsonMapping.importJson(s, doc);
    assertThat(JsonMapping.exportJson(s, false)).isEqualTo("{\"z\":\"ü\"}");
  }
}
