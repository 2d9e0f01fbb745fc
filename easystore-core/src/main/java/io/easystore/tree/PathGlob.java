package io.easystore.tree;

import io.easystore.internal.common.GlobTranslator;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A glob over {@code /}-separated relative paths, as used by {@code des pack --exclude} and
 * {@code des find}. A glob without {@code /} matches the base name of an entry at any depth
 * ({@code *.tmp}, {@code __pycache__}); a glob with {@code /} matches the whole path
 * ({@code logs/*.txt}, {@code **}{@code /cache/**}).
 *
 * <p>Syntax: {@code *} any characters except {@code /}; {@code **} any characters including
 * {@code /} (and {@code **}{@code /} also zero directories); {@code ?} one character except
 * {@code /}; {@code [abc]}, {@code [a-z]}, {@code [!abc]} one character of (or not of) a set;
 * {@code {a,b}} either alternative; {@code \} quotes the next character. Matching is
 * case-sensitive. Immutable and thread-safe.
 */
public final class PathGlob {
  private final String glob;
  private final boolean wholePath;
  private final Pattern pattern;

  private PathGlob(String glob, boolean wholePath, Pattern pattern) {
    this.glob = glob;
    this.wholePath = wholePath;
    this.pattern = pattern;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException for an empty glob, an unclosed {@code [} or <code>{</code>, or a
   *     trailing {@code \}
   */
  public static PathGlob compile(String glob) {
    Objects.requireNonNull(glob, "glob");
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("empty glob");
    }
    String g = glob.startsWith("./") ? glob.substring(2) : glob;
    if (g.endsWith("/") && g.length() > 1) {
      g = g.substring(0, g.length() - 1);
    }
    try {
      return new PathGlob(glob, g.indexOf('/') >= 0, Pattern.compile(GlobTranslator.toRegex(g, glob, GlobTranslator.Mode.TREE)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("glob '" + glob + "' is malformed: " + e.getDescription(), e);
    }
  }

  /** Whether {@code path} (relative, {@code /}-separated) matches. */
  public boolean matches(String path) {
    String subject = wholePath ? path : TreePaths.baseName(path);
    return pattern.matcher(subject).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
