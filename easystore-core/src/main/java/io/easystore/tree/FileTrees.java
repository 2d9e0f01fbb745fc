package io.easystore.tree;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens {@link FileTree}s: the one entry point that lets reading code take either a directory or
 * a container.
 *
 * <pre>{@code
 * try (FileTree tree = FileTrees.open(Path.of(args[0]))) {   // "data/" or "data.des" or "data.fpack"
 *   try (Stream<WalkEntry> s = tree.walk("train")) {
 *     s.forEach(d -> d.files().forEach(f -> consume(tree.readAllBytes(d.resolve(f)))));
 *   }
 * }
 * }</pre>
 */
public final class FileTrees {
  private FileTrees() {}

  /**
   * A tree over {@code path}: the directory itself when it is one, otherwise the container (DES v1,
   * DES v2 or FilePacker) in that file, opened with default limits.
   */
  public static FileTree open(Path path) throws IOException {
    return open(path, ReaderOptions.defaults());
  }

  /** {@link #open(Path)} with the reader options used when {@code path} is a container. */
  public static FileTree open(Path path, ReaderOptions options) throws IOException {
    if (Files.isDirectory(path)) {
      return new DirectoryTree(path);
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such directory or container");
    }
    return new ContainerTree(DesReader.open(path, options));
  }

  /** A tree over an open container; closing the tree closes the reader. */
  public static FileTree of(DesReader reader) {
    return new ContainerTree(reader);
  }

  /** A tree over a real directory, even one whose name looks like a container. */
  public static FileTree ofDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NotDirectoryException(dir.toString());
    }
    return new DirectoryTree(dir);
  }
}
