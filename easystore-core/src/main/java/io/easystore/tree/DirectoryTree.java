package io.easystore.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link FileTree} over a real directory. Paths are resolved below the root and symbolic links
 * are followed (as packing does by default); entries that are neither files nor directories after
 * following links are invisible, so the tree shows what a container packed from it would hold
 * (hidden files included: this is a view, not a packing filter).
 *
 * <p>Stateless apart from the root: thread-safe.
 */
final class DirectoryTree implements FileTree {
  private final Path root;
  private final int rootNames;

  DirectoryTree(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.rootNames = this.root.getNameCount();
  }

  @Override
  public String name() {
    return root.toString();
  }

  private Path resolve(String path) {
    String p = TreePaths.normalize(path);
    if (p.isEmpty()) {
      return root;
    }
    Path r = root.resolve(p);
    // A name that the platform splits differently (a backslash on Windows) could climb out of the root.
    if (r.getNameCount() != rootNames + p.split("/").length || !r.normalize().startsWith(root)) {
      throw new IllegalArgumentException("path '" + path + "' does not name an entry inside " + root);
    }
    return r;
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private BasicFileAttributes existing(String path, Path p) throws NoSuchFileException {
    BasicFileAttributes a = attributes(p);
    if (a == null || !(a.isDirectory() || a.isRegularFile())) {
      throw new NoSuchFileException(path, null, "no such file or directory in " + root);
    }
    return a;
  }

  private Path file(String path) throws IOException {
    Path p = resolve(path);
    if (existing(path, p).isDirectory()) {
      throw new FileSystemException(path, null, "is a directory in " + root);
    }
    return p;
  }

  private List<Walker.Child> children(String dir, boolean sorted) throws IOException {
    Path d = resolve(dir);
    if (!existing(dir, d).isDirectory()) {
      throw new NotDirectoryException(dir);
    }
    List<Walker.Child> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      for (Path child : s) {
        BasicFileAttributes a = attributes(child);
        if (a != null && (a.isDirectory() || a.isRegularFile())) {
          out.add(new Walker.Child(child.getFileName().toString(), a.isDirectory(), a.isDirectory() ? a.fileKey() : null));
        }
      }
    }
    if (sorted) {
      out.sort((x, y) -> TreePaths.BYTE_ORDER.compare(x.name(), y.name()));
    }
    return out;
  }

  @Override
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (Walker.Child c : children(dir, true)) {
      names.add(c.name());
    }
    return names;
  }

  @Override
  public Stream<WalkEntry> walk(String dir, boolean sorted) throws IOException {
    String top = TreePaths.normalize(dir);
    BasicFileAttributes a = existing(dir, resolve(top));
    if (!a.isDirectory()) {
      throw new NotDirectoryException(dir);
    }
    return Walker.walk(this::children, top, a.fileKey(), sorted);
  }

  @Override
  public boolean exists(String path) {
    BasicFileAttributes a = attributes(resolve(path));
    return a != null && (a.isDirectory() || a.isRegularFile());
  }

  @Override
  public boolean isDirectory(String path) {
    BasicFileAttributes a = attributes(resolve(path));
    return a != null && a.isDirectory();
  }

  @Override
  public boolean isFile(String path) {
    BasicFileAttributes a = attributes(resolve(path));
    return a != null && a.isRegularFile();
  }

  @Override
  public long size(String path) throws IOException {
    Path p = resolve(path);
    BasicFileAttributes a = existing(path, p);
    if (a.isDirectory()) {
      throw new FileSystemException(path, null, "is a directory in " + root);
    }
    return a.size();
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(file(path));
  }

  @Override
  public SeekableByteChannel newChannel(String path) throws IOException {
    return Files.newByteChannel(file(path), StandardOpenOption.READ);
  }

  @Override
  public byte[] readAllBytes(String path) throws IOException {
    return Files.readAllBytes(file(path));
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }
}
