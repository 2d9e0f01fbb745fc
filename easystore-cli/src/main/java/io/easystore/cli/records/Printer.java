package io.easystore.cli.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.records.Entry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Prints records as text lines or as JSON lines with their bookmarks. */
final class Printer {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;

  Printer(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void print(Entry<byte[]> e) {
    String text = new String(e.value(), StandardCharsets.UTF_8);
    if (!json) {
      out.println(text);
      return;
    }
    ObjectNode n = MAPPER.createObjectNode();
    n.put("bookmark", e.bookmark().toString());
    JsonNode parsed = parse(text);
    if (parsed != null) {
      n.set("record", parsed);
    } else {
      n.put("record", text);
    }
    out.println(n.toString());
  }

  /** The record as JSON if it is a JSON object or array, else {@code null}. */
  static JsonNode parse(String text) {
    String t = text.strip();
    if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
      return null;
    }
    try {
      return MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      // Not JSON after all: the caller prints it as a string, which is the documented fallback.
      return null;
    }
  }
}
