package io.easystore.tree;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link FileTree} over an open {@link DesReader}: a DES v2 container with its directories, a
 * DES v1 container (one flat directory, the root) or a FilePacker pack. Every call goes straight
 * to the reader, which is thread-safe and lock-free, so this class is too.
 */
final class ContainerTree implements FileTree {
  private final DesReader reader;

  ContainerTree(DesReader reader) {
    this.reader = reader;
  }

  @Override
  public String name() {
    return reader.name();
  }

  private FileSystemException isDirectoryError(String path) {
    return new FileSystemException(path, null, "is a directory in " + reader.name());
  }

  private List<Walker.Child> children(String dir, boolean sorted) throws IOException {
    List<IndexEntry> entries = reader.list(dir);
    // v1 keeps repeated names (the last one wins when read); a tree shows each name once.
    Map<String, Walker.Child> byName = new LinkedHashMap<>();
    for (IndexEntry e : entries) {
      String base = e.baseName();
      // A name the tree could not address again (v1 and .fpack names are not validated as
      // paths: NUL, '.', '..', '../x') is left out, so every listed name can be read;
      // unaddressable() reports them.
      if (TreePaths.segmentProblem(base) == null && TreePaths.join(dir, base).equals(e.name())) {
        byName.put(base, new Walker.Child(base, e.isDirectory(), null));
      }
    }
    List<Walker.Child> out = new ArrayList<>(byName.values());
    out.sort((x, y) -> TreePaths.BYTE_ORDER.compare(x.name(), y.name()));
    return out;
  }

  @Override
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (Walker.Child c : children(TreePaths.normalize(dir), true)) {
      names.add(c.name());
    }
    return names;
  }

  @Override
  public Stream<WalkEntry> walk(String dir, boolean sorted) throws IOException {
    String top = TreePaths.normalize(dir);
    if (!reader.isDirectory(top)) {
      if (exists(top)) {
        throw new NotDirectoryException(dir);
      }
      throw new NoSuchFileException(dir, null, "no such directory in " + reader.name());
    }
    return Walker.walk(this::children, top, null, sorted);
  }

  @Override
  public boolean exists(String path) throws IOException {
    return reader.exists(TreePaths.normalize(path));
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    return reader.isDirectory(TreePaths.normalize(path));
  }

  @Override
  public boolean isFile(String path) throws IOException {
    String p = TreePaths.normalize(path);
    try {
      return !p.isEmpty() && reader.contains(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public long size(String path) throws IOException {
    String p = TreePaths.normalize(path);
    if (p.isEmpty()) {
      throw isDirectoryError(path);
    }
    IndexEntry e = reader.entry(p);
    if (e.isDirectory()) {
      throw isDirectoryError(path);
    }
    return e.size();
  }

  private String file(String path) throws FileSystemException {
    String p = TreePaths.normalize(path);
    if (p.isEmpty()) {
      throw isDirectoryError(path);
    }
    return p;
  }

  @Override
  public InputStream open(String path) throws IOException {
    return reader.openStream(file(path));
  }

  @Override
  public SeekableByteChannel newChannel(String path) throws IOException {
    return reader.newChannel(file(path));
  }

  @Override
  public byte[] readAllBytes(String path) throws IOException {
    return reader.getFile(file(path));
  }

  @Override
  public List<String> unaddressable() throws IOException {
    if (reader.formatVersion() >= 2 && "DES".equals(reader.formatName())) {
      // v2 paths are validated when the index is read: every one is a tree path.
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String name : new java.util.LinkedHashSet<>(reader.listFiles())) {
      if (TreePaths.pathProblem(name) != null) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
