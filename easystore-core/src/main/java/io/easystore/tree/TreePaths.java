package io.easystore.tree;

import java.util.Comparator;

/** Path rules shared by every {@link FileTree}: normalising, joining and ordering. Stateless. */
final class TreePaths {
  /** UTF-8 byte order of names, which is code point order (not {@link String#compareTo}'s UTF-16 order). */
  static final Comparator<String> BYTE_ORDER = TreePaths::compare;

  private TreePaths() {}

  /**
   * The canonical form of a tree path: {@code ""} for the root, else segments joined by single
   * slashes.
   *
   * @throws IllegalArgumentException for an absolute path, a NUL byte, or an empty, {@code .} or
   *     {@code ..} segment
   */
  static String normalize(String path) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    if (path.isEmpty() || path.equals(".") || path.equals("./")) {
      return "";
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.startsWith("/")) {
      throw new IllegalArgumentException("path '" + path + "' is absolute; tree paths are relative to its root");
    }
    if (p.indexOf('\0') >= 0) {
      // InvalidPathException, as java.nio.file gives for a NUL in a path: still an
      // IllegalArgumentException (the FileTree contract), but a specific one.
      throw new java.nio.file.InvalidPathException(path.replace('\0', '?'), "contains a NUL character");
    }
    int from = 0;
    while (from <= p.length()) {
      int slash = p.indexOf('/', from);
      int end = slash < 0 ? p.length() : slash;
      int n = end - from;
      if (n == 0 || (n == 1 && p.charAt(from) == '.') || (n == 2 && p.startsWith("..", from))) {
        throw new IllegalArgumentException("path '" + path + "' has an empty, '.' or '..' segment");
      }
      if (slash < 0) {
        break;
      }
      from = slash + 1;
    }
    return p;
  }

  /** Why {@code name} cannot be one segment of a tree path, or null when it can. */
  static String segmentProblem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "is '" + name + "'";
    }
    if (name.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    return name.indexOf('/') >= 0 ? "contains '/'" : null;
  }

  /**
   * Why a stored name cannot be addressed as a tree path (reading it back would give another
   * entry, the root, or nothing), or null when {@link #normalize} keeps it as it is.
   */
  static String pathProblem(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      return "is empty or starts or ends with '/'";
    }
    for (String seg : name.split("/", -1)) {
      String p = segmentProblem(seg);
      if (p != null) {
        return "has a segment that " + p;
      }
    }
    return null;
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
