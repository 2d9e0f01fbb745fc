package io.easystore.internal.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON exactly as the reference Python writer produces it with {@code json.dumps(obj,
 * separators=(",", ":"))}: compact, keys in insertion order, every character outside printable
 * ASCII escaped as a lower-case {@code \\uXXXX} per UTF-16 unit, floats in Python's shortest
 * {@code repr}. Byte-identical v1 containers depend on every one of these details.
 *
 * <p>Thread-safe: all state is immutable.
 */
public final class ReferenceJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Nesting depth accepted when parsing metadata: the original Python reader reads about 990
   * levels (its recursion limit), so the default is 1,000. System property
   * {@code easystore.json.maxDepth}, at most 10,000 (serialising is recursive).
   */
  public static final int MAX_DEPTH = limit("easystore.json.maxDepth", 1_000, 10_000);
  /**
   * Characters of one number literal: Python converts integers of up to 4,300 digits (its
   * {@code int_max_str_digits}), floats of any length; the default is 10,000. System property
   * {@code easystore.json.maxNumberLength}.
   */
  public static final int MAX_NUMBER_LENGTH = limit("easystore.json.maxNumberLength", 10_000, 1_000_000);

  /**
   * Shared, configured once; Jackson's mappers are thread-safe after configuration. It reads and
   * writes {@code NaN}, {@code Infinity} and {@code -Infinity} as the bare words Python's
   * {@code json} uses (numbers, not strings). Strings and object keys have no limit of their own
   * (Python has none): the metadata record's length, which every reader bounds, bounds them.
   */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNameLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build());
    MAPPER.getFactory().setStreamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
        .maxNestingDepth(MAX_DEPTH + 1).build());
  }

  private static int limit(String property, int def, int max) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below, which names the property and the range
    }
    throw new IllegalStateException("-D" + property + "=" + v + ": expected a whole number in [1, " + max + "]");
  }

  private ReferenceJson() {}

  /** A new empty object node, for callers building metadata. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Converts a map (iteration order kept) into an object node. */
  public static ObjectNode fromMap(Map<String, ?> map) {
    return MAPPER.valueToTree(map);
  }

  /**
   * Parses metadata JSON, which every EasyStore format defines as UTF-8; the caller bounds its
   * length. Decoding is strict and done here, because Jackson would otherwise guess UTF-16 or
   * UTF-32 from zero bytes in hostile input and fail with an exception outside
   * {@link JsonProcessingException} (found by the fuzzer).
   *
   * @throws JsonProcessingException for invalid UTF-8 and for invalid JSON alike
   */
  public static JsonNode parse(byte[] bytes, int off, int len) throws JsonProcessingException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, off, len)).toString();
    } catch (CharacterCodingException e) {
      throw new JsonParseException((JsonParser) null, "metadata is not valid UTF-8");
    }
    return MAPPER.readTree(text);
  }

  /** Serialises {@code node} in the reference layout, as ASCII bytes. */
  public static byte[] toBytes(JsonNode node) {
    StringBuilder sb = new StringBuilder(64);
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT: {
        sb.append('{');
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        boolean first = true;
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            sb.append(',');
          }
          first = false;
          string(e.getKey(), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
        break;
      }
      case ARRAY: {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
        break;
      }
      case STRING:
        string(node.textValue(), sb);
        break;
      case BOOLEAN:
        sb.append(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
      case MISSING:
        sb.append("null");
        break;
      case NUMBER:
        number(node, sb);
        break;
      default:
        // BINARY and POJO nodes have no JSON text of their own in the reference.
        throw new IllegalArgumentException("metadata cannot hold a " + node.getNodeType() + " node");
    }
  }

  private static void number(JsonNode node, StringBuilder sb) {
    if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else {
      sb.append(pythonRepr(node.doubleValue()));
    }
  }

  static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          if (c >= 0x20 && c < 0x7f) {
            sb.append(c);
          } else {
            sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
          }
      }
    }
    sb.append('"');
  }

  /** Python's {@code repr(float)}: the shortest digits that read back to the same double. */
  public static String pythonRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Math.abs(d));
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == Math.abs(d)) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int decpt = digits.length() - shortest.scale();
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    if (decpt <= -4 || decpt > 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else if (decpt <= 0) {
      sb.append("0.");
      for (int i = 0; i < -decpt; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (decpt >= digits.length()) {
      sb.append(digits);
      for (int i = digits.length(); i < decpt; i++) {
        sb.append('0');
      }
      sb.append(".0");
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    }
    return sb.toString();
  }
}
