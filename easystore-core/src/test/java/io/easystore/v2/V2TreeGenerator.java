package io.easystore.v2;

import io.easystore.EntryAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random trees: paths with non-ASCII and very long names, bodies from 0 bytes to MiBs. */
final class V2TreeGenerator {
  private static final String[] WORDS = {"a", "src", "main", "λόγος", "日本語", "données", "x y", "..dots", "emoji😀",
      "MiXeD", "z", "tab\there", "colon:star*"};

  /** A file of the generated tree. */
  record File(String path, byte[] body, Map<String, Object> meta, EntryAttributes attributes) {}

  private V2TreeGenerator() {}

  static List<File> tree(long seed, int files, int maxBody, boolean someHuge) {
    Random rnd = new Random(seed);
    List<File> out = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    Set<String> dirs = new HashSet<>();
    List<String> dirPool = new ArrayList<>(List.of(""));
    while (out.size() < files) {
      String parent = dirPool.get(rnd.nextInt(dirPool.size()));
      if (rnd.nextInt(5) == 0) {
        String d = join(parent, segment(rnd));
        if (!paths.contains(d) && d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 60_000) {
          dirPool.add(d);
          dirs.add(d);
        }
        continue;
      }
      String path = join(parent, segment(rnd) + ext(rnd));
      if (paths.contains(path) || dirs.contains(path) || isPrefixOfDir(path, dirs)) {
        continue;
      }
      paths.add(path);
      int size = sizeOf(rnd, maxBody, someHuge && out.size() == files / 2);
      byte[] body = body(rnd, size);
      Map<String, Object> meta = rnd.nextInt(3) == 0 ? new LinkedHashMap<>(Map.of("i", out.size(), "tag", "ü" + seed))
          : null;
      EntryAttributes attrs = rnd.nextBoolean() ? EntryAttributes.NONE
          : new EntryAttributes(rnd.nextLong() >> rnd.nextInt(40), rnd.nextInt(4096));
      out.add(new File(path, body, meta, attrs));
    }
    return out;
  }

  private static boolean isPrefixOfDir(String path, Set<String> dirs) {
    for (String d : dirs) {
      if (d.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  private static String segment(Random rnd) {
    int kind = rnd.nextInt(20);
    if (kind == 0) {
      return "long-" + "ñ".repeat(300 + rnd.nextInt(400)); // 600+ UTF-8 bytes
    }
    if (kind == 1) {
      return "L".repeat(1000 + rnd.nextInt(500));
    }
    return WORDS[rnd.nextInt(WORDS.length)] + rnd.nextInt(1000);
  }

  private static String ext(Random rnd) {
    String[] e = {".txt", ".json", ".bin", "", ".java", ".TXT"};
    return e[rnd.nextInt(e.length)];
  }

  private static int sizeOf(Random rnd, int maxBody, boolean huge) {
    if (huge) {
      return (5 << 20) + rnd.nextInt(1 << 20);
    }
    int k = rnd.nextInt(10);
    if (k == 0) {
      return 0;
    }
    if (k < 7) {
      return rnd.nextInt(Math.min(2000, maxBody) + 1);
    }
    return rnd.nextInt(maxBody + 1);
  }

  /** Half text-like (compressible), half random. */
  static byte[] body(Random rnd, int size) {
    byte[] b = new byte[size];
    if (rnd.nextBoolean()) {
      rnd.nextBytes(b);
    } else {
      String text = "the quick brown fox jumps over the lazy dog " + rnd.nextInt(50) + "\n";
      for (int i = 0; i < size; i++) {
        b[i] = (byte) text.charAt((i + rnd.nextInt(3) / 2) % text.length());
      }
    }
    return b;
  }
}
