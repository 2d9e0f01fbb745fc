package io.easystore.els;

import java.util.ArrayList;
import java.util.List;

/**
 * Key paths written as RFC 6901 JSON Pointer tokens: {@code /a/b~1c} is [a, b/c] ({@code ~1} is
 * '/', {@code ~0} is '~'). Used in messages and by the command line. Stateless and thread-safe.
 */
public final class JsonPointers {
  private JsonPointers() {}

  /** Escapes one token. */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Joins tokens into a pointer; the empty list is "" (the whole document). */
  public static String format(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) {
      sb.append('/').append(escape(t));
    }
    return sb.toString();
  }

  /**
   * Splits a key path. A leading '/' is optional ({@code a/b} equals {@code /a/b}); "" and "/"
   * mean different things only with the slash: "/" is the one token "", "" is no token.
   *
   * @throws IllegalArgumentException for a '~' not followed by 0 or 1
   */
  public static List<String> parse(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    String s = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    for (String raw : s.split("/", -1)) {
      out.add(unescape(raw, pointer));
    }
    return out;
  }

  private static String unescape(String raw, String whole) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '~') {
        char n = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
        if (n != '0' && n != '1') {
          throw new IllegalArgumentException("bad escape in key path '" + whole
              + "': '~' must be followed by 0 or 1");
        }
        sb.append(n == '0' ? '~' : '/');
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
