package io.easystore.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceJsonTest {

  /** Expected strings are what CPython 3.11 prints for repr(float). */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1.0;1.0", "0.1;0.1", "1e16;1e+16", "1e15;1000000000000000.0", "123456789012345678;1.2345678901234568e+17",
      "0.0001;0.0001", "0.00001;1e-05", "1.5e-7;1.5e-07", "-2.5;-2.5", "3.141592653589793;3.141592653589793",
      "1e300;1e+300", "4.9e-324;5e-324", "1.7976931348623157e308;1.7976931348623157e+308",
      "0.30000000000000004;0.30000000000000004", "100.0;100.0", "12345.678;12345.678"})
  void floatsFollowPythonRepr(double value, String expected) {
    assertThat(ReferenceJson.pythonRepr(value)).isEqualTo(expected);
  }

  @Test
  void specialFloatsFollowPythonJsonDumps() {
    assertThat(ReferenceJson.pythonRepr(Double.NaN)).isEqualTo("NaN");
    assertThat(ReferenceJson.pythonRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(ReferenceJson.pythonRepr(-0.0)).isEqualTo("-0.0");
  }

  @Test
  void escapesLikeEnsureAscii() {
    ObjectNode o = ReferenceJson.object();
    o.put("ü", "a\"b\\c\n\t\u0001\u007f é 名 \uD83D\uDE00 /");
    String json = new String(ReferenceJson.toBytes(o), StandardCharsets.US_ASCII);
    assertThat(json).isEqualTo(
        "{\"\\u00fc\":\"a\\\"b\\\\c\\n\\t\\u0001\\u007f \\u00e9 \\u540d \\ud83d\\ude00 /\"}");
  }

  @Test
  void keepsInsertionOrderAndCompactSeparators() throws Exception {
    ObjectNode o = ReferenceJson.object();
    o.put("z", 1).put("a", true).putNull("n");
    o.putArray("l").add(1).add("x").addObject();
    o.put("big", new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(new String(ReferenceJson.toBytes(o), StandardCharsets.US_ASCII))
        .isEqualTo("{\"z\":1,\"a\":true,\"n\":null,\"l\":[1,\"x\",{}],\"big\":123456789012345678901234567890}");
  }

  @Test
  void randomDoublesRoundTripThroughTheirRepr() {
    Random rnd = new Random(20261121);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String s = ReferenceJson.pythonRepr(d);
      assertThat(Double.parseDouble(s)).as(s).isEqualTo(d);
      assertThat(s.length()).as(s).isLessThanOrEqualTo(24);
    }
  }
}
