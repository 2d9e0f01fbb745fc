package io.easystore.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.internal.common.GlobTranslator;
import io.easystore.tree.PathGlob;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** {@code des find}/{@code --exclude} globs and {@code des:} path matchers come from one translator. */
class SharedGlobTranslatorTest {
  private static final List<String> GLOBS = List.of("*.x", "a/*/c", "a/**", "?b", "[a-c]x", "[!a]x", "{a,b}.txt",
      "\\*x", "a.b+c(d)$", "x{1,2}", "}", "a,b", "[-a]", "caf\u00e9*", "\ud83d\ude00?");
  private static final List<String> PATHS = List.of("a.x", ".x", "a/b/c", "a/b/b/c", "a/b", "bb", "b", "ax",
      "dx", "a.txt", "b.txt", "c.txt", "*x", "ax", "a.b+c(d)$", "x1", "x2", "x{1,2}", "}", "a,b", "-", "caf\u00e9s",
      "\ud83d\ude00!", "a/b.x");

  @Test
  void treeAndNioGlobsShareOneTranslator() {
    for (String g : GLOBS) {
      assertThat(DesPathMatcher.globToRegex(g)).isEqualTo(GlobTranslator.toRegex(g, g, GlobTranslator.Mode.JDK));
      PathGlob tree = PathGlob.compile(g);
      PathMatcher des = DesPathMatcher.of("glob:" + g);
      PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + g);
      for (String p : PATHS) {
        boolean expected = jdk.matches(Path.of(p));
        assertThat(des.matches(Path.of(p))).as("nio %s on %s", g, p).isEqualTo(expected);
        if (g.indexOf('/') >= 0 || p.indexOf('/') < 0) {
          // Outside the documented differences, both modes agree with the JDK.
          assertThat(tree.matches(p)).as("tree %s on %s", g, p).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void treeModeKeepsItsDocumentedDifferences() {
    assertThat(PathGlob.compile("**/c").matches("c")).as("**/ matches zero directories").isTrue();
    assertThat(DesPathMatcher.of("glob:**/c").matches(Path.of("c"))).isFalse();
    assertThat(PathGlob.compile("{a,{b,c}}.x").matches("c.x")).as("nested braces").isTrue();
    assertThatThrownBy(() -> DesPathMatcher.of("glob:{a,{b,c}}")).isInstanceOf(PatternSyntaxException.class);
    assertThat(PathGlob.compile("[^a]x").matches("bx")).as("^ negates").isTrue();
    assertThat(DesPathMatcher.of("glob:[^a]x").matches(Path.of("^x"))).isTrue();
    assertThatThrownBy(() -> PathGlob.compile("[ab")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed '['");
    assertThatThrownBy(() -> DesPathMatcher.of("glob:[ab")).isInstanceOf(PatternSyntaxException.class);
  }
}
