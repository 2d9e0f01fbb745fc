package io.easystore.nio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path algebra and path matchers of a des file system against the JDK's Unix implementation as
 * the oracle: every operation on every pair of sample paths (and every glob on every sample name)
 * must give the same string, the same answer or the same exception type.
 */
class DesPathOracleTest {
  private static final List<String> PATHS = List.of("", "/", "a", "/a", "a/b", "/a/b/c", "a//b/", "/a/./b/../c",
      "../x", "a/../..", ".", "..", "/..", "x y/ü", "/a/b/c/d", "b/c", "c", "/a/b", "a/b/c", "./a");
  private static final List<String> PLAIN = List.of("", "/", "a", "/a", "a/b", "/a/b/c", "b/c", "/a/x/y", "x/y/z",
      "/a/b/c/d", "c");
  private static final List<String> GLOBS = List.of("*", "*.txt", "**", "**/*.txt", "a/*/c", "?", "a?c", "[abc]",
      "[!abc]", "[a-c]x", "[^a]", "[-a]", "{a,b,c}", "{*.txt,*.md}", "\\*", "a\\?b", "a.b", "a+b", "(x)", "$", "^",
      "a{b,c}d", "x[a&&b]", "*/", "[a-]", "}", "a,b", "**.txt", "[\\]]", "{}", "{a,}");
  private static final List<String> NAMES = List.of("a", "b", "abc", "a.txt", "x/a.txt", "x/y/a.txt", "/x/a.txt",
      "a/b/c", "a/bb/c", "*", "?", "a?b", "a.b", "a+b", "(x)", "-", "^", "abd", "acd", "x&", "é.txt", "ax", "}", "a,b",
      "a/", "$", "]", "", "ab");
  private static final List<String> BAD_GLOBS = List.of("[a", "{a", "{a{b}}", "\\", "[a/b]", "[z-a]");

  @TempDir
  static Path dir;
  private static FileSystem des;
  private static final FileSystem UNIX = FileSystems.getDefault();

  @BeforeAll
  static void open() throws IOException {
    des = FileSystems.newFileSystem(NioTestTree.container(dir), Map.of("readOnly", "true"));
  }

  @AfterAll
  static void close() throws IOException {
    des.close();
  }

  private static String outcome(Function<FileSystem, Object> op, FileSystem fs) {
    try {
      Object r = op.apply(fs);
      return r == null ? "null" : r.toString();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static void same(String what, Function<FileSystem, Object> op) {
    assertThat(outcome(op, des)).as(what).isEqualTo(outcome(op, UNIX));
  }

  @Test
  void unaryOperationsMatchUnixPaths() {
    assertThat(outcome(fs -> fs.getPath("/a/./b/../c").normalize(), des)).isEqualTo("/a/c");
    assertThat(outcome(fs -> fs.getPath("a").relativize(fs.getPath("/b")), des)).isEqualTo("IllegalArgumentException");
    for (String s : PATHS) {
      same("toString " + s, fs -> fs.getPath(s));
      same("normalize " + s, fs -> fs.getPath(s).normalize());
      same("parent " + s, fs -> fs.getPath(s).getParent());
      same("fileName " + s, fs -> fs.getPath(s).getFileName());
      same("root " + s, fs -> fs.getPath(s).getRoot());
      same("count " + s, fs -> fs.getPath(s).getNameCount());
      same("absolute " + s, fs -> fs.getPath(s).isAbsolute());
      same("name0 " + s, fs -> fs.getPath(s).getName(0));
      same("subpath " + s, fs -> fs.getPath(s).subpath(0, fs.getPath(s).getNameCount()));
      same("subpath1 " + s, fs -> fs.getPath(s).subpath(1, 2));
      same("names " + s, fs -> {
        List<String> names = new ArrayList<>();
        fs.getPath(s).forEach(n -> names.add(n.toString()));
        return names;
      });
    }
  }

  @Test
  void binaryOperationsMatchUnixPaths() {
    for (String a : PATHS) {
      for (String b : PATHS) {
        String pair = a + " | " + b;
        BiFunction<FileSystem, String, Path> p = FileSystem::getPath;
        same("resolve " + pair, fs -> p.apply(fs, a).resolve(p.apply(fs, b)));
        same("resolveSibling " + pair, fs -> p.apply(fs, a).resolveSibling(p.apply(fs, b)));
        same("startsWith " + pair, fs -> p.apply(fs, a).startsWith(p.apply(fs, b)));
        same("endsWith " + pair, fs -> p.apply(fs, a).endsWith(p.apply(fs, b)));
        same("equals " + pair, fs -> p.apply(fs, a).equals(p.apply(fs, b)));
        same("compare " + pair, fs -> Integer.signum(p.apply(fs, a).compareTo(p.apply(fs, b))));
      }
    }
    for (String a : PLAIN) {
      for (String b : PLAIN) {
        same("relativize " + a + " | " + b, fs -> fs.getPath(a).relativize(fs.getPath(b)));
      }
    }
  }

  @Test
  void globsMatchTheJdkTranslation() {
    for (String g : GLOBS) {
      PathMatcher mine = des.getPathMatcher("glob:" + g);
      PathMatcher jdk = UNIX.getPathMatcher("glob:" + g);
      for (String n : NAMES) {
        assertThat(mine.matches(des.getPath(n))).as("glob %s on %s", g, n).isEqualTo(jdk.matches(UNIX.getPath(n)));
      }
    }
    for (String g : BAD_GLOBS) {
      same("bad glob " + g, fs -> fs.getPathMatcher("glob:" + g));
    }
    same("regex", fs -> fs.getPathMatcher("regex:a.*").matches(fs.getPath("abc")));
    same("no syntax", fs -> fs.getPathMatcher("a.*"));
    same("unknown syntax", fs -> fs.getPathMatcher("shell:a"));
    same("upper-case syntax", fs -> fs.getPathMatcher("GLOB:*.txt").matches(fs.getPath("x.txt")));
  }
}
