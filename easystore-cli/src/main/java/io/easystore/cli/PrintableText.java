package io.easystore.cli;

/**
 * Names and messages made safe for a terminal or a line-oriented pipe: a name may hold newlines,
 * ANSI escapes or bidirectional overrides (all legal in DES and tar), which would split a listing
 * line or rewrite the user's screen. Escapes as GNU {@code ls --quoting-style=escape} does:
 * {@code \n \t \r \a \b \f \v \\}, other control characters as {@code \xHH}, bidi controls and
 * lone surrogates as {@code \}{@code uHHHH}. Everything else, including non-ASCII letters and emoji,
 * is left alone. Stateless and thread-safe.
 */
public final class PrintableText {
  private PrintableText() {}

  /** {@code s} escaped for one line of terminal output; {@code s} itself if nothing needs escaping. */
  public static String escape(String s) {
    return escape(s, true);
  }

  /**
   * As {@link #escape(String)}, but leaves backslashes alone: for messages, which are read, not
   * parsed back into names.
   */
  public static String escapeControls(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean backslash) {
    int i = 0;
    while (i < s.length() && !needsEscape(s, i, backslash)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!needsEscape(s, i, backslash)) {
        sb.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        case '\\' -> sb.append("\\\\");
        default -> sb.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  private static boolean needsEscape(String s, int i, boolean backslash) {
    char c = s.charAt(i);
    if ((backslash && c == '\\') || Character.isISOControl(c) || isBidiControl(c)) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  private static boolean isBidiControl(char c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}
