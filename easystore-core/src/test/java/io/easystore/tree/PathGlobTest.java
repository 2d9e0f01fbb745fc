package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathGlobTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "*.tmp|a/b/c.tmp|true",
      "*.tmp|c.tmp|true",
      "*.tmp|c.tmp.bak|false",
      "cache|cache|true",
      "cache|x/cache|true",
      "cache|cachet|false",
      "logs/*.txt|logs/a.txt|true",
      "logs/*.txt|logs/sub/a.txt|false",
      "logs/*.txt|deep/logs/a.txt|false",
      "**/logs/**|deep/logs/a/b.txt|true",
      "**/logs/**|logs/a.txt|true",
      "**/*.jpg|a.jpg|true",
      "**/*.jpg|x/y/a.jpg|true",
      "img_??.png|img_01.png|true",
      "img_??.png|img_1.png|false",
      "[ab]*.txt|b1.txt|true",
      "[!ab]*.txt|b1.txt|false",
      "[a-c]x|bx|true",
      "*.{jpg,png}|q.png|true",
      "*.{jpg,png}|q.gif|false",
      "a+b(1).txt|a+b(1).txt|true",
      "\\*literal|*literal|true",
      "\\*literal|xliteral|false",
      "./train/*|train/x|true",
      "λ*|λόγος|true",
  })
  void matches(String glob, String path, boolean expected) {
    assertThat(PathGlob.compile(glob).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[abc", "{a,b", "trailing\\"})
  void malformedGlobsAreRefused(String glob) {
    assertThatThrownBy(() -> PathGlob.compile(glob)).isInstanceOf(IllegalArgumentException.class);
  }
}
