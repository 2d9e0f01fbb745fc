package io.easystore.nio;

import io.easystore.internal.common.GlobTranslator;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code glob:} and {@code regex:} path matchers that match a path's string form, as
 * {@link java.nio.file.FileSystem#getPathMatcher} specifies. Globs follow the JDK's Unix rules:
 * {@code *} matches within one name, {@code **} across names, {@code ?} one character other than
 * {@code /}, {@code [..]} a bracket expression ({@code !} negates, {@code -} ranges, never
 * {@code /}), {@code {a,b}} alternatives (not nested), and {@code \} escapes. Matching is
 * case-sensitive. Immutable and thread-safe.
 */
final class DesPathMatcher implements PathMatcher {
  private final Pattern pattern;

  private DesPathMatcher(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Parses {@code syntax:pattern} as {@code FileSystem.getPathMatcher} does. */
  static PathMatcher of(String syntaxAndPattern) {
    int colon = syntaxAndPattern.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected syntax:pattern (glob: or regex:), got '" + syntaxAndPattern + "'");
    }
    String syntax = syntaxAndPattern.substring(0, colon).toLowerCase(Locale.ROOT);
    String input = syntaxAndPattern.substring(colon + 1);
    return switch (syntax) {
      case "glob" -> new DesPathMatcher(Pattern.compile(globToRegex(input)));
      case "regex" -> new DesPathMatcher(Pattern.compile(input));
      default -> throw new UnsupportedOperationException("Syntax '" + syntax + "' not recognized");
    };
  }

  @Override
  public boolean matches(Path path) {
    return pattern.matcher(path.toString()).matches();
  }

  /** Translates a glob to an anchored regular expression, by the JDK's rules. */
  static String globToRegex(String glob) {
    return GlobTranslator.toRegex(glob, glob, GlobTranslator.Mode.JDK);
  }
}
