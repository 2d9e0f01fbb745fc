package io.easystore.compat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the frozen containers hold, derived only from a seed: the same seed gives the same names,
 * bodies, metadata and attributes on every run. Not thread-safe (one generator run uses it).
 */
final class FrozenDesInputs {
  private FrozenDesInputs() {}

  /** One entry to write: a file (body not null) or an explicit directory (body null). */
  record Input(String name, byte[] body, Map<String, Object> meta, EntryAttributes attributes) {
    boolean isDirectory() {
      return body == null;
    }

    ObjectNode metaNode() {
      return meta == null ? null : DesWriter.meta(meta);
    }

    void addTo(DesWriter w) throws IOException {
      if (isDirectory()) {
        w.addDirectory(name, attributes);
      } else {
        w.addFile(name, body, metaNode(), attributes);
      }
    }
  }

  static final long MTIME = 1_764_633_600_000L; // 2025-12-02T00:00:00Z

  /**
   * The standard tree: text that compresses, random bytes that do not (stored raw even by a
   * compressing writer), an empty body, zeros, a non-ASCII name, a deep path, an empty explicit
   * directory and metadata of every JSON type. v1 gets flat names and no directory.
   */
  static List<Input> tree(long seed, boolean v1) {
    Random r = new Random(seed);
    List<Input> in = new ArrayList<>();
    String dataDir = v1 ? "" : "data/";
    String docs = v1 ? "" : "docs/";
    if (!v1) {
      in.add(new Input("empty-dir", null, null, new EntryAttributes(MTIME, 0755)));
    }
    in.add(new Input("README.txt", text(r, "The frozen container of seed " + seed + ". ", 12),
        meta("mime", "text/plain", "lang", "en"), new EntryAttributes(MTIME + 1000, 0644)));
    in.add(new Input(dataDir + "random.bin", random(r, 257), null, EntryAttributes.NONE));
    in.add(new Input(dataDir + "empty.bin", new byte[0], meta("empty", true), new EntryAttributes(MTIME, 0600)));
    in.add(new Input(dataDir + "zeros.bin", new byte[1000], meta("fill", 0), EntryAttributes.NONE));
    Map<String, Object> rich = new LinkedHashMap<>();
    rich.put("tags", List.of("a", "\u00fc", "\u540d\u524d"));
    rich.put("n", 3);
    rich.put("pi", 3.25);
    rich.put("big", 9_007_199_254_740_993L);
    rich.put("negative", -17);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("null", null);
    nested.put("no", false);
    nested.put("yes", true);
    nested.put("empty", Map.of());
    rich.put("nested", nested);
    in.add(new Input(docs + "\u00fcn\u00efc\u00f8d\u00e9 \u540d\u524d.txt",
        text(r, "Zw\u00f6lf Boxk\u00e4mpfer jagen Viktor quer \u00fcber den gro\u00dfen Sylter Deich. ", 4), rich,
        new EntryAttributes(MTIME + 2000, 0444)));
    in.add(new Input(v1 ? "c.json" : docs + "nested/deep/a/b/c.json",
        ("{\"id\":" + r.nextInt(1000) + ",\"values\":[1,2,3],\"name\":\"c\"}").getBytes(StandardCharsets.UTF_8),
        meta("i", 42, "mime", "application/json"), EntryAttributes.NONE));
    in.add(new Input(v1 ? "z-last.txt" : "z/last.txt", "last\n".getBytes(StandardCharsets.UTF_8), null,
        new EntryAttributes(MTIME - 86_400_000L, 0640)));
    return in;
  }

  /** Many small JSON and log files whose extensions group them for dictionary training. */
  static List<Input> dictionarySamples(long seed) {
    Random r = new Random(seed);
    List<Input> in = new ArrayList<>();
    String[] kinds = {"sample", "event", "metric", "trace"};
    for (int i = 0; i < 48; i++) {
      String body = "{\"id\":" + i + ",\"kind\":\"" + kinds[r.nextInt(kinds.length)] + "\",\"value\":\"v"
          + r.nextInt(100_000) + "\",\"host\":\"node-" + r.nextInt(8) + ".example.org\",\"ok\":" + r.nextBoolean() + "}";
      in.add(new Input("json/" + String.format("%03d", i) + ".json", body.getBytes(StandardCharsets.UTF_8),
          i % 4 == 0 ? meta("i", i) : null, EntryAttributes.NONE));
    }
    for (int i = 0; i < 24; i++) {
      String body = "2025-12-0" + (1 + r.nextInt(9)) + "T12:" + (10 + r.nextInt(50)) + ":00Z INFO request served path=/api/v"
          + r.nextInt(3) + "/items/" + r.nextInt(10_000) + " status=200\n";
      in.add(new Input("logs/" + i + ".log", body.repeat(1 + r.nextInt(3)).getBytes(StandardCharsets.UTF_8), null,
          EntryAttributes.NONE));
    }
    return in;
  }

  /** Enough entries for an index of more than one level. */
  static List<Input> many(long seed, int n) {
    Random r = new Random(seed);
    List<Input> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] body = i % 7 == 0 ? random(r, r.nextInt(16)) : ("entry " + i).getBytes(StandardCharsets.UTF_8);
      in.add(new Input(String.format("d%02d/entry-%05d.txt", i % 13, i), body, null, EntryAttributes.NONE));
    }
    return in;
  }

  /** Two bodies above the external threshold, two below. */
  static List<Input> external(long seed, boolean v1) {
    Random r = new Random(seed);
    String dir = v1 ? "" : "big/";
    return List.of(
        new Input("small.txt", "stays inside".getBytes(StandardCharsets.UTF_8), null, EntryAttributes.NONE),
        new Input(dir + "large.bin", random(r, 700), meta("where", "sibling"), EntryAttributes.NONE),
        new Input(dir + "large.txt", text(r, "external text body ", 20), null, EntryAttributes.NONE),
        new Input("tiny.bin", random(r, 5), meta("n", 5), EntryAttributes.NONE));
  }

  static byte[] text(Random r, String line, int times) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < times; i++) {
      b.append(line).append(r.nextInt(100)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static Map<String, Object> meta(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
