package io.easystore.internal.common;

import java.util.regex.PatternSyntaxException;

/**
 * The one glob-to-regex translator, used by {@code tree.PathGlob} ({@code des pack --exclude},
 * {@code des find}) and by the {@code des:} file system's {@code glob:} path matcher. The two
 * share {@code *}, {@code ?}, {@code {a,b}}, {@code \} quoting and literal escaping, and differ
 * only where their contracts differ, which {@link Mode} names. Stateless and thread-safe.
 */
public final class GlobTranslator {
  private static final String REGEX_META = ".^$+{[]|()";
  private static final String GLOB_META = "\\*?[{";

  /** Which rules a glob follows. */
  public enum Mode {
    /**
     * Tree globs: {@code **}{@code /} also matches zero directories, braces nest, a bracket
     * expression takes {@code !} or {@code ^} to negate, and errors are plain
     * {@link IllegalArgumentException}s naming the glob.
     */
    TREE,
    /**
     * {@link java.nio.file.FileSystem#getPathMatcher} {@code glob:} on Unix, as the JDK does it:
     * {@code **} is just "anything", braces do not nest, a bracket expression never matches
     * {@code /} and only {@code !} negates, and errors are {@link PatternSyntaxException}s.
     */
    JDK
  }

  private GlobTranslator() {}

  /**
   * The regular expression, to be used with {@code Matcher.matches()}, for {@code glob}.
   *
   * @param original the glob as the user wrote it, for tree-mode messages
   * @throws IllegalArgumentException (a {@link PatternSyntaxException} in JDK mode) for a glob
   *     that is not well formed
   */
  public static String toRegex(String glob, String original, Mode mode) {
    boolean jdk = mode == Mode.JDK;
    StringBuilder re = new StringBuilder(jdk ? "^" : "");
    int groups = 0;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i++);
      switch (c) {
        case '*' -> {
          if (at(glob, i) != '*') {
            re.append("[^/]*");
          } else if (!jdk && at(glob, i + 1) == '/') {
            re.append("(?:.*/)?");
            i += 2;
          } else {
            re.append(".*");
            i++;
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> i = jdk ? jdkBracket(glob, i, re) : treeBracket(glob, i, re, original);
        case '{' -> {
          if (jdk && groups > 0) {
            throw new PatternSyntaxException("Cannot nest groups", glob, i - 1);
          }
          groups++;
          re.append("(?:");
        }
        case '}' -> {
          if (groups == 0) {
            re.append("\\}");
          } else {
            groups--;
            re.append(')');
          }
        }
        case ',' -> re.append(groups > 0 ? "|" : ",");
        case '\\' -> {
          if (i == glob.length()) {
            throw jdk ? new PatternSyntaxException("No character to escape", glob, i - 1)
                : new IllegalArgumentException("glob '" + original + "' ends with '\\'");
          }
          char next = glob.charAt(i++);
          if (GLOB_META.indexOf(next) >= 0 || REGEX_META.indexOf(next) >= 0) {
            re.append('\\');
          }
          re.append(next);
        }
        default -> {
          if (REGEX_META.indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
    }
    if (groups != 0) {
      throw jdk ? new PatternSyntaxException("Missing '}'", glob, i - 1)
          : new IllegalArgumentException("glob '" + original + "' has an unclosed '{'");
    }
    return jdk ? re.append('$').toString() : re.toString();
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  /**
   * A tree bracket expression starting after its '[': the first character is always a member
   * (so {@code []]} is the set of {@code ]}); returns the index after its ']'.
   */
  private static int treeBracket(String g, int start, StringBuilder re, String original) {
    int close = g.indexOf(']', start + 1);
    if (close < 0) {
      throw new IllegalArgumentException("glob '" + original + "' has an unclosed '['");
    }
    String set = g.substring(start, close);
    boolean negate = set.startsWith("!") || set.startsWith("^");
    if (negate) {
      set = set.substring(1);
    }
    re.append(negate ? "[^/" : "[");
    for (int k = 0; k < set.length(); k++) {
      char s = set.charAt(k);
      if (s != '-' && !Character.isLetterOrDigit(s)) {
        re.append('\\');
      }
      re.append(s);
    }
    re.append(']');
    return close + 1;
  }

  /** A JDK bracket expression starting after its '['; returns the index after its ']'. */
  private static int jdkBracket(String glob, int start, StringBuilder regex) {
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
