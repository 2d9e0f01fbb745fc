package io.easystore.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.corrupt.V1Bytes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata as the original Python writer produces it ({@code json.dumps} defaults: bare
 * {@code NaN}/{@code Infinity}, no depth or length limits short of Python's own) must read, and
 * keep its types when copied into v2 and back into v1.
 */
class PythonMetadataTest {
  @TempDir
  Path tmp;

  private static String nested(int depth) {
    return "[".repeat(depth - 1) + "1" + "]".repeat(depth - 1);
  }

  private Path pythonV1() throws IOException {
    String digits = "7" + "0".repeat(4299);
    Path c = tmp.resolve("meta.des");
    Files.write(c, new V1Bytes()
        .add("nan", new byte[] {1}, "{\"v\": NaN, \"p\": Infinity, \"m\": -Infinity, \"size\": 1}")
        .add("deep", new byte[] {2}, "{\"d\": " + nested(989) + ", \"size\": 1}")
        .add("bigint", new byte[] {3}, "{\"n\": " + digits + ", \"size\": 1}")
        .add("longkey", new byte[] {4}, "{\"" + "k".repeat(60_000) + "\": 1, \"size\": 1}")
        .build());
    return c;
  }

  @Test
  void metadataThePythonWriterProducesIsAccepted() throws IOException {
    try (DesReader r = DesReader.open(pythonV1())) {
      assertThat(r.getMeta("nan").get("v").isDouble()).isTrue();
      assertThat(r.getMeta("nan").get("v").doubleValue()).isNaN();
      assertThat(r.getMeta("nan").get("p").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(r.getMeta("nan").get("m").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
      JsonNode d = r.getMeta("deep").get("d");
      int depth = 1;
      while (d.isArray()) {
        d = d.get(0);
        depth++;
      }
      assertThat(depth).isEqualTo(989);
      assertThat(r.getMeta("bigint").get("n").bigIntegerValue()).isEqualTo(new BigInteger("7" + "0".repeat(4299)));
      assertThat(r.getMeta("longkey").has("k".repeat(60_000))).isTrue();
    }
  }

  @Test
  void nanAndInfinityStayNumbersThroughV2AndBackToV1() throws IOException {
    Path v2 = tmp.resolve("copy.des");
    Path v1 = tmp.resolve("back.des");
    try (DesReader r = DesReader.open(pythonV1());
        DesWriter w2 = DesWriter.create(v2, WriterOptions.defaults())) {
      for (String n : r.listFiles()) {
        w2.addFile(n, r.getFile(n), (ObjectNode) r.getMeta(n));
      }
    }
    try (DesReader r = DesReader.open(v2); DesWriter w1 = DesWriter.create(v1, WriterOptions.v1())) {
      JsonNode m = r.getMeta("nan");
      assertThat(m.get("v").isNumber()).as("v2 keeps NaN a number: %s", m).isTrue();
      assertThat(m.get("v").doubleValue()).isNaN();
      assertThat(m.get("m").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(r.getMeta("deep").get("d").isArray()).isTrue();
      for (String n : r.listFiles()) {
        w1.addFile(n, r.getFile(n), (ObjectNode) r.getMeta(n));
      }
    }
    byte[] bytes = Files.readAllBytes(v1);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).contains("{\"v\":NaN,\"p\":Infinity,\"m\":-Infinity,\"size\":1}");
  }
}
