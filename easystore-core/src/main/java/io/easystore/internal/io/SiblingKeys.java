package io.easystore.internal.io;

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
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':' || c == '?' || c == '#' || (Character.isSurrogate(c)
          && !validSurrogate(key, i))) {
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

  /**
   * The key of the original DES writer's external bodies, seen from the container: that writer
   * stores {@code external_key} bucket-absolute ({@code <s3_prefix>/_bigFiles/<name>}) and puts
   * the container under the same prefix, so the key's leading segments repeat the trailing
   * segments of the container's directory. Returns the key with the longest such repetition
   * removed (at least one segment is kept), to be resolved relative to the container's directory
   * like any key, or null when no leading segment repeats. The result is a suffix of a valid key:
   * it never leaves the container's directory.
   *
   * @param containerName the container's name: a path, or a URL / {@code s3://bucket/key}
   */
  public static String bucketAbsoluteAlternative(String containerName, String key) {
    check(key);
    String[] dir = directorySegments(containerName);
    String[] k = key.split("/", -1);
    for (int m = Math.min(k.length - 1, dir.length); m >= 1; m--) {
      boolean same = true;
      for (int i = 0; i < m && same; i++) {
        same = k[i].equals(dir[dir.length - m + i]);
      }
      if (same) {
        return String.join("/", java.util.Arrays.copyOfRange(k, m, k.length));
      }
    }
    return null;
  }

  private static String[] directorySegments(String name) {
    String path;
    int scheme = name.indexOf("://");
    if (scheme > 0) {
      // URL or s3://bucket/key: the path after the authority (or bucket), without query or fragment.
      int slash = name.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : name.substring(slash + 1);
      int q = path.indexOf('?');
      path = q < 0 ? path : path.substring(0, q);
      int h = path.indexOf('#');
      path = h < 0 ? path : path.substring(0, h);
    } else {
      try {
        path = java.nio.file.Path.of(name).toAbsolutePath().normalize().toString().replace('\\', '/');
      } catch (java.nio.file.InvalidPathException e) {
        path = name;
      }
    }
    int last = path.lastIndexOf('/');
    String dir = last < 0 ? "" : path.substring(0, last);
    return java.util.Arrays.stream(dir.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
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
