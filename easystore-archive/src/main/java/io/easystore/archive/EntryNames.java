package io.easystore.archive;

/**
 * Turns entry names found in archives into container paths, refusing those that could land
 * outside a directory when extracted. Stateless.
 */
final class EntryNames {
  /** A name as a container path, or why it cannot be one. */
  record Outcome(String path, String problem) {
    boolean root() {
      return path != null && path.isEmpty();
    }
  }

  private EntryNames() {}

  /**
   * Strips a leading {@code ./}, {@code .} and empty segments (as tar does) and a trailing
   * {@code /}; refuses absolute paths, drive letters, backslashes, NUL and {@code ..} segments.
   * The archive's own root ({@code ./}) comes back as the empty path.
   */
  static Outcome normalize(String raw) {
    if (raw == null) {
      return new Outcome(null, "has no name");
    }
    if (raw.startsWith("/")) {
      return new Outcome(null, "is an absolute path (refused: it would land outside the target)");
    }
    if (raw.length() >= 2 && raw.charAt(1) == ':' && Character.isLetter(raw.charAt(0))) {
      return new Outcome(null, "starts with a drive letter (refused: it would land outside the target)");
    }
    if (raw.indexOf('\\') >= 0) {
      return new Outcome(null, "contains '\\' (refused: on Windows it separates directories and can climb out)");
    }
    if (raw.indexOf('\0') >= 0) {
      return new Outcome(null, "contains a NUL character (refused)");
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (String segment : raw.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        return new Outcome(null, "has a '..' segment (refused: it would land outside the target)");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return new Outcome(out.toString(), null);
  }

  /** Whether a link at {@code path} pointing to {@code target} stays inside the archive's tree. */
  static boolean linkStaysInside(String path, String target) {
    if (target == null || target.isEmpty() || target.startsWith("/") || target.indexOf('\\') >= 0
        || (target.length() >= 2 && target.charAt(1) == ':')) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        depth++;
      }
    }
    for (String segment : target.split("/", -1)) {
      if (segment.equals("..")) {
        if (--depth < 0) {
          return false;
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return true;
  }
}
