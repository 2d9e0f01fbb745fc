package io.easystore.els;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/** Seeded generator of JSON documents that stress names, numbers and nesting. */
final class RandomJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] PIECES = {
    "a", "Z", "0", "key", " ", "/", "~", "~1", ".", "..", "%", ";", ":", "\\", "\"", "*", "?", "<",
    "|", "\n", "\t", "\u0000", "\u007f", "é", "ß", "Ж", "中文", "日本", "\uD83D\uDE00", "\uD834\uDD1E",
    "\u200b", "CON", "nul", "d.1.0.0.x", "c.", "v.", "b.", "els.1.b64", "-", "_", "=",
  };

  private RandomJson() {}

  static String text(Random r, int maxPieces) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(6) == 0) {
        sb.appendCodePoint(randomCodePoint(r));
      } else {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return sb.toString();
  }

  /** Any Unicode scalar value (no lone surrogates). */
  static int randomCodePoint(Random r) {
    while (true) {
      int cp = r.nextBoolean() ? r.nextInt(0x800) : r.nextInt(0x110000);
      if (cp < 0xD800 || cp > 0xDFFF) {
        return cp;
      }
    }
  }

  /** Mostly an object or array at the top (a scalar one time in ten). */
  static JsonNode document(Random r, int maxDepth) {
    if (r.nextInt(10) == 0) {
      return node(r, maxDepth, maxDepth);
    }
    JsonNode n;
    do {
      n = node(r, 0, maxDepth);
    } while (!n.isContainerNode());
    return n;
  }

  /** Number of nodes, for checking that generated documents are not trivial. */
  static int size(JsonNode n) {
    int s = 1;
    for (JsonNode c : n) {
      s += size(c);
    }
    return s;
  }

  static JsonNode node(Random r, int depth, int maxDepth) {
    int t = depth >= maxDepth ? r.nextInt(10) : r.nextInt(3) == 0 ? 10 + r.nextInt(4) : r.nextInt(14);
    switch (t) {
      case 0: return F.textNode(text(r, 6));
      case 1: return F.textNode("");
      case 2: return F.numberNode(r.nextInt());
      case 3: return F.numberNode(r.nextLong());
      case 4: return F.numberNode(new BigInteger(40 + r.nextInt(120), r).negate());
      case 5: return F.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1));
      case 6: return F.numberNode(new BigDecimal(new BigInteger(60, r), r.nextInt(40) - 20));
      case 7: return F.booleanNode(r.nextBoolean());
      case 8: return F.nullNode();
      case 9: return F.textNode(text(r, 40));
      case 10:
      case 11: {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
          o.set(text(r, 3), node(r, depth + 1, maxDepth));
        }
        return o;
      }
      default: {
        ArrayNode a = F.arrayNode();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
          a.add(node(r, depth + 1, maxDepth));
        }
        return a;
      }
    }
  }
}
