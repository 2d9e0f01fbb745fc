package io.easystore.nio;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code glob:} and {@code regex:} path matchers that match a path's string form, as
 * {@link java.nio.file.FileSystem#getPathMatcher} specifies. Globs follow the JDK's Unix rules:
 * {@code *} matches within one name, {@code **} across names, {@code ?} one character other than
 * {@code /}, {@code [..]} a bracket expression ({@code !} negates, {@code -} ranges, never
 * {@code /}), {@code {a,b}} alternatives (not nested), and {@code \} escapes. Matching is
 * case-sensitive. Immutable and thread-safe.
 */
final class DesPathMatcher implements PathMatcher {
  private static final String REGEX_META = ".^$+{[]|()";
  private static final String GLOB_META = "\\*?[{";

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

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /** Translates a glob to an anchored regular expression. */
  static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder("^");
    boolean inGroup = false;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i++);
      switch (c) {
        case '\\' -> {
          if (i == glob.length()) {
            throw new PatternSyntaxException("No character to escape", glob, i - 1);
          }
          char next = glob.charAt(i++);
          if (GLOB_META.indexOf(next) >= 0 || REGEX_META.indexOf(next) >= 0) {
            regex.append('\\');
          }
          regex.append(next);
        }
        case '[' -> i = bracket(glob, i, regex);
        case '{' -> {
          if (inGroup) {
            throw new PatternSyntaxException("Cannot nest groups", glob, i - 1);
          }
          regex.append("(?:(?:");
          inGroup = true;
        }
        case '}' -> {
          regex.append(inGroup ? "))" : "\\}");
          inGroup = false;
        }
        case ',' -> regex.append(inGroup ? ")|(?:" : ",");
        case '*' -> {
          if (at(glob, i) == '*') {
            regex.append(".*");
            i++;
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        default -> {
          if (REGEX_META.indexOf(c) >= 0) {
            regex.append('\\');
          }
          regex.append(c);
        }
      }
    }
    if (inGroup) {
      throw new PatternSyntaxException("Missing '}'", glob, i - 1);
    }
    return regex.append('$').toString();
  }

  /** Translates a bracket expression starting after its '['; returns the index after its ']'. */
  private static int bracket(String glob, int start, StringBuilder regex) {
    int i = start;
    regex.append("[[^/]&&[");
    if (at(glob, i) == '^') {
      regex.append("\\^");
      i++;
    } else {
      if (at(glob, i) == '!') {
        regex.append('^');
        i++;
      }
      if (at(glob, i) == '-') {
        regex.append('-');
        i++;
      }
    }
    boolean hasRangeStart = false;
    char last = 0;
    char c = 0;
    while (i < glob.length()) {
      c = glob.charAt(i++);
      if (c == ']') {
        break;
      }
      if (c == '/') {
        throw new PatternSyntaxException("Explicit 'name separator' in class", glob, i - 1);
      }
      if (c == '\\' || c == '[' || (c == '&' && at(glob, i) == '&')) {
        regex.append('\\');
      }
      regex.append(c);
      if (c == '-') {
        if (!hasRangeStart) {
          throw new PatternSyntaxException("Invalid range", glob, i - 1);
        }
        c = at(glob, i++);
        if (c == 0 || c == ']') {
          break;
        }
        if (c < last) {
          throw new PatternSyntaxException("Invalid range", glob, i - 3);
        }
        regex.append(c);
        hasRangeStart = false;
      } else {
        hasRangeStart = true;
        last = c;
      }
    }
    if (c != ']') {
      throw new PatternSyntaxException("Missing ']'", glob, i - 1);
    }
    regex.append("]]");
    return i;
  }
}
