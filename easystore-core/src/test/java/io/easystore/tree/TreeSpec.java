package io.easystore.tree;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/** The files of a test tree and what every backend must report about them. */
record TreeSpec(Map<String, byte[]> files) {
  static final String BIG = "a/b/big.bin";

  /** A nested tree with empty files, a 300 KB file, spaces and names whose UTF-8 and UTF-16 orders differ. */
  static TreeSpec nested() {
    Map<String, byte[]> f = new LinkedHashMap<>();
    f.put("README.txt", utf8("hello tree"));
    f.put("a/b/c.txt", utf8("c in b"));
    f.put(BIG, random(300_000, 7));
    f.put("a/e.txt", utf8("e in a"));
    f.put("a/empty.dat", new byte[0]);
    f.put("f/g/h/deep.txt", utf8("deep"));
    f.put("zz top.txt", utf8("with a space"));
    f.put("a-b.txt", utf8("a dash sorts between 'a' and 'a/'"));
    if (unicodeFileNames()) {
      f.put("λ/ünï.txt", utf8("greek dir"));
      f.put("\uFF21.txt", utf8("fullwidth A: U+FF21"));
      f.put("\uD83D\uDE00.txt", utf8("emoji: U+1F600, after U+FF21 in UTF-8 order"));
    }
    return new TreeSpec(f);
  }

  /** A flat tree for DES v1, which has no directories. */
  static TreeSpec flat() {
    Map<String, byte[]> f = new LinkedHashMap<>();
    f.put("README.txt", utf8("hello flat"));
    f.put("big.bin", random(300_000, 8));
    f.put("empty.dat", new byte[0]);
    f.put("zz top.txt", utf8("with a space"));
    if (unicodeFileNames()) {
      f.put("\uFF21.txt", utf8("fullwidth"));
      f.put("\uD83D\uDE00.txt", utf8("emoji"));
    }
    return new TreeSpec(f);
  }

  static boolean unicodeFileNames() {
    String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
    return Charset.isSupported(jnu) && Charset.forName(jnu).equals(StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  String big() {
    return files.containsKey(BIG) ? BIG : "big.bin";
  }

  /** Every directory, the root {@code ""} included. */
  TreeSet<String> directories() {
    TreeSet<String> dirs = new TreeSet<>(TreePaths.BYTE_ORDER);
    dirs.add("");
    for (String p : files.keySet()) {
      for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
        dirs.add(p.substring(0, i));
      }
    }
    return dirs;
  }

  /** The sorted names directly inside {@code dir}, split into directories and files. */
  WalkEntry entry(String dir) {
    TreeSet<String> subdirs = new TreeSet<>(TreePaths.BYTE_ORDER);
    TreeSet<String> names = new TreeSet<>(TreePaths.BYTE_ORDER);
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (String d : directories()) {
      if (!d.isEmpty() && d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0 && !d.equals(dir)) {
        subdirs.add(d.substring(prefix.length()));
      }
    }
    for (String p : files.keySet()) {
      if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
        names.add(p.substring(prefix.length()));
      }
    }
    return new WalkEntry(dir, new ArrayList<>(subdirs), new ArrayList<>(names));
  }

  /** What {@code os.walk(dir)} yields, top-down, sorted. */
  List<WalkEntry> walk(String dir) {
    List<WalkEntry> out = new ArrayList<>();
    WalkEntry e = entry(dir);
    out.add(e);
    for (String d : e.directories()) {
      out.addAll(walk(e.resolve(d)));
    }
    return out;
  }

  /** All children (directories and files) of {@code dir}, sorted. */
  List<String> list(String dir) {
    TreeMap<String, Boolean> all = new TreeMap<>(TreePaths.BYTE_ORDER);
    WalkEntry e = entry(dir);
    e.directories().forEach(d -> all.put(d, true));
    e.files().forEach(f -> all.put(f, false));
    return new ArrayList<>(all.keySet());
  }
}
