package io.easystore.io;

import java.nio.charset.StandardCharsets;

/**
 * The rule for keys of sibling objects (external bodies), which are read from containers and are
 * therefore hostile input: a key is a normalised relative path of 1..{@link #MAX_BYTES} UTF-8
 * bytes, {@code /}-separated, with no empty, {@code .} or {@code ..} segment, no leading
 * {@code /}, no backslash, no {@code :} (so no scheme and no drive letter), no {@code ?} or
 * {@code #} and no control characters. A key satisfying it names an object in the container's
 * own directory (or bucket prefix) or below it, never anywhere else.
 *
 * <p>Stateless and thread-safe.
 */
public final class SiblingKeys {
  /** The longest key, in UTF-8 bytes. */
  public static final int MAX_BYTES = 1024;

  private SiblingKeys() {}

  /** Why {@code key} is not a valid sibling key, or null if it is. */
  public static String problem(String key) {
    if (key == null || key.isEmpty()) {
      return "external key is empty";
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "external key is longer than " + MAX_BYTES + " bytes";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':' || c == '?' || c == '#' || Character.isSurrogate(c)
          && !validSurrogate(key, i)) {
        return "external key contains a forbidden character (" + describe(c) + ")";
      }
    }
    if (key.charAt(0) == '/') {
      return "external key is an absolute path";
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "external key has an empty, '.' or '..' segment";
      }
    }
    return null;
  }

  /** Returns {@code key} if it is valid, else throws {@link IllegalArgumentException} saying why. */
  public static String check(String key) {
    String p = problem(key);
    if (p != null) {
      throw new IllegalArgumentException(p);
    }
    return key;
  }

  /**
   * The key of a sibling of the object {@code fullName} (a path or key whose last
   * {@code /}-separated segment is the container's name): everything up to and including the last
   * {@code /}, then {@code key}.
   */
  public static String resolve(String fullName, String key) {
    check(key);
    int slash = fullName.lastIndexOf('/');
    return fullName.substring(0, slash + 1) + key;
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String describe(char c) {
    return c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }
}
