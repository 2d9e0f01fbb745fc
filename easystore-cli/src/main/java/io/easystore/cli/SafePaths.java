package io.easystore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Decides where an entry may be extracted; never outside the target directory. */
final class SafePaths {
  private SafePaths() {}

  /**
   * The path for {@code entry} below {@code root}, or an exception if the name is absolute, has
   * empty, {@code .} or {@code ..} segments, holds a NUL or a backslash, or would otherwise land
   * outside {@code root}.
   */
  static Path resolve(Path root, String entry) throws IOException {
    if (entry.isEmpty() || entry.indexOf('\0') >= 0 || entry.indexOf('\\') >= 0 || entry.startsWith("/")) {
      throw unsafe(root, entry);
    }
    for (String segment : entry.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw unsafe(root, entry);
      }
    }
    Path base = root.toAbsolutePath().normalize();
    Path target;
    try {
      target = base.resolve(entry).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw unsafe(root, entry);
    }
    if (!target.startsWith(base) || target.equals(base)) {
      throw unsafe(root, entry);
    }
    return target;
  }

  /**
   * Creates the parent directories of {@code target} and checks that, links resolved, they still
   * lie inside {@code root}, so a symbolic link planted in the target directory cannot redirect
   * a write.
   */
  static void prepareParent(Path root, Path target) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path realRoot = root.toRealPath();
    if (!parent.toRealPath().startsWith(realRoot)) {
      throw new IOException("refusing to write " + target + ": its directory leads outside " + realRoot);
    }
    if (Files.isSymbolicLink(target) || (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))) {
      throw new IOException("refusing to write " + target + ": it exists and is not a regular file");
    }
  }

  /**
   * Creates a directory entry's directory and checks that, links resolved, it lies inside
   * {@code root}.
   */
  static void prepareDirectory(Path root, Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("refusing to use " + target + " as a directory: it exists and is not a directory");
    }
    Files.createDirectories(target);
    Path realRoot = root.toRealPath();
    if (!target.toRealPath().startsWith(realRoot)) {
      throw new IOException("refusing to write into " + target + ": it leads outside " + realRoot);
    }
  }

  private static IOException unsafe(Path root, String entry) {
    return new IOException("refusing to extract '" + entry.replace('\0', '?')
        + "': it would land outside " + root);
  }
}
