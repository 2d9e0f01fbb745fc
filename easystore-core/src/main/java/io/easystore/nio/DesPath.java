package io.easystore.nio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path of a {@link DesFileSystem}: {@code /}-separated, with the single root {@code /}, which is
 * also the working directory relative paths resolve against. The text is kept in a canonical form
 * (no doubled or trailing {@code /}), as the JDK's Unix paths do; {@code .} and {@code ..} stay
 * until {@link #normalize()}.
 *
 * <p>Immutable and thread-safe. Syntactic operations work after the file system is closed; only
 * access to files fails then.
 */
final class DesPath implements Path {
  private final DesFileSystem fs;
  private final String path;
  /** Start of each name in {@link #path}; computed once, on first use. */
  private volatile int[] offsets;

  DesPath(DesFileSystem fs, String canonical) {
    this.fs = fs;
    this.path = canonical;
  }

  /** Joins {@code first} and {@code more} as the JDK's Unix file system does and canonicalises. */
  static DesPath of(DesFileSystem fs, String first, String... more) {
    StringBuilder sb = new StringBuilder(first);
    for (String segment : more) {
      if (!segment.isEmpty()) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(segment);
      }
    }
    return new DesPath(fs, canonical(sb.toString()));
  }

  private static String canonical(String input) {
    StringBuilder sb = new StringBuilder(input.length());
    char prev = 0;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '\u0000') {
        throw new InvalidPathException(input, "Nul character not allowed", i);
      }
      if (c == '/' && prev == '/') {
        continue;
      }
      sb.append(c);
      prev = c;
    }
    if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  /** The entry path this path names in the container: absolute, normalised, without the leading {@code /}. */
  String entryPath() {
    DesPath abs = toAbsolutePath().normalize();
    return abs.path.substring(1);
  }

  static DesPath check(Path p) {
    Objects.requireNonNull(p, "path");
    if (!(p instanceof DesPath d)) {
      throw new ProviderMismatchException("not a path of a des file system: " + p.getClass().getName());
    }
    return d;
  }

  private int[] offsets() {
    int[] o = offsets;
    if (o == null) {
      List<Integer> starts = new ArrayList<>();
      if (path.isEmpty()) {
        starts.add(0);
      } else {
        for (int i = 0; i < path.length(); i++) {
          if (path.charAt(i) != '/' && (i == 0 || path.charAt(i - 1) == '/')) {
            starts.add(i);
          }
        }
      }
      o = starts.stream().mapToInt(Integer::intValue).toArray();
      offsets = o;
    }
    return o;
  }

  private String name(int i) {
    int[] o = offsets();
    int end = i + 1 < o.length ? o[i + 1] - 1 : path.length();
    return path.substring(o[i], end);
  }

  private String[] names() {
    String[] out = new String[getNameCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = name(i);
    }
    return out;
  }

  private DesPath fromNames(boolean absolute, List<String> names) {
    String joined = String.join("/", names);
    return new DesPath(fs, absolute ? "/" + joined : joined);
  }

  @Override
  public DesFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return path.startsWith("/");
  }

  @Override
  public Path getRoot() {
    return isAbsolute() ? fs.root() : null;
  }

  @Override
  public Path getFileName() {
    int n = getNameCount();
    if (n == 0) {
      return null;
    }
    if (n == 1 && !isAbsolute()) {
      return this;
    }
    return new DesPath(fs, name(n - 1));
  }

  @Override
  public Path getParent() {
    int n = getNameCount();
    if (n == 0 || (n == 1 && !isAbsolute())) {
      return null;
    }
    if (n == 1) {
      return fs.root();
    }
    return new DesPath(fs, path.substring(0, offsets()[n - 1] - 1));
  }

  @Override
  public int getNameCount() {
    return offsets().length;
  }

  @Override
  public Path getName(int index) {
    if (index < 0 || index >= getNameCount()) {
      throw new IllegalArgumentException("name index " + index + " out of range for " + path);
    }
    return new DesPath(fs, name(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    int n = getNameCount();
    if (beginIndex < 0 || beginIndex >= n || endIndex > n || beginIndex >= endIndex) {
      throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") of " + path);
    }
    return fromNames(false, Arrays.asList(names()).subList(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    if (!(Objects.requireNonNull(other) instanceof DesPath o) || o.fs != fs) {
      return false;
    }
    if (o.isAbsolute() != isAbsolute()) {
      return false;
    }
    if (o.path.isEmpty()) {
      return path.isEmpty();
    }
    int n = o.getNameCount();
    if (n > getNameCount()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!o.name(i).equals(name(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean endsWith(Path other) {
    if (!(Objects.requireNonNull(other) instanceof DesPath o) || o.fs != fs) {
      return false;
    }
    if (o.isAbsolute()) {
      return equals(o);
    }
    if (o.path.isEmpty()) {
      return path.isEmpty();
    }
    int n = o.getNameCount();
    int m = getNameCount();
    if (n > m) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!o.name(n - 1 - i).equals(name(m - 1 - i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public DesPath normalize() {
    List<String> out = new ArrayList<>();
    boolean changed = false;
    for (String name : names()) {
      if (name.equals(".")) {
        changed = true;
      } else if (name.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
          changed = true;
        } else if (isAbsolute()) {
          changed = true; // ".." at the root stays at the root
        } else {
          out.add(name);
        }
      } else {
        out.add(name);
      }
    }
    return changed ? fromNames(isAbsolute(), out) : this;
  }

  @Override
  public Path resolve(Path other) {
    DesPath o = check(other);
    if (o.isAbsolute()) {
      return o;
    }
    if (o.path.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return o;
    }
    return new DesPath(fs, path.equals("/") ? "/" + o.path : path + "/" + o.path);
  }

  @Override
  public Path relativize(Path other) {
    DesPath o = check(other);
    if (o.isAbsolute() != isAbsolute()) {
      throw new IllegalArgumentException("'" + other + "' is different type of Path than '" + this + "'");
    }
    if (equals(o)) {
      return new DesPath(fs, "");
    }
    if (path.isEmpty()) {
      return o;
    }
    String[] mine = names();
    String[] theirs = o.path.isEmpty() ? new String[0] : o.names();
    int common = 0;
    while (common < mine.length && common < theirs.length && mine[common].equals(theirs[common])) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < mine.length; i++) {
      out.add("..");
    }
    out.addAll(Arrays.asList(theirs).subList(common, theirs.length));
    return fromNames(false, out);
  }

  @Override
  public URI toUri() {
    String abs = toAbsolutePath().path;
    try {
      String rawPath = new URI(null, null, abs, null).getRawPath();
      return new URI(DesFileSystemProvider.SCHEME + ":" + fs.containerUri().toASCIIString() + "!" + rawPath);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot form a URI for " + abs + " in " + fs.containerUri(), e);
    }
  }

  @Override
  public DesPath toAbsolutePath() {
    return isAbsolute() ? this : (DesPath) fs.root().resolve(this);
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    DesPath real = toAbsolutePath().normalize();
    fs.provider().checkAccess(real);
    return real;
  }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("des file systems have no watch service");
  }

  @Override
  public int compareTo(Path other) {
    return path.compareTo(check(other).path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DesPath p && p.fs == fs && p.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }
}
