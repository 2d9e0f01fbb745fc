package io.easystore.nio;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The single store of a des file system: the container. Space figures are those of the local
 * file system holding the container (what a write can still use); a remote container reports its
 * own size as total space and nothing usable. Immutable and thread-safe.
 */
final class DesFileStore extends FileStore {
  private final DesFileSystem fs;

  DesFileStore(DesFileSystem fs) {
    this.fs = fs;
  }

  @Override
  public String name() {
    return fs.containerName();
  }

  @Override
  public String type() {
    return "des";
  }

  @Override
  public boolean isReadOnly() {
    return fs.isReadOnly();
  }

  private FileStore local() throws IOException {
    Path c = fs.containerPath();
    return c == null ? null : Files.getFileStore(c);
  }

  @Override
  public long getTotalSpace() throws IOException {
    fs.ensureOpen(null);
    FileStore s = local();
    return s == null ? fs.containerSize() : s.getTotalSpace();
  }

  @Override
  public long getUsableSpace() throws IOException {
    fs.ensureOpen(null);
    FileStore s = local();
    return s == null || fs.isReadOnly() ? 0 : s.getUsableSpace();
  }

  @Override
  public long getUnallocatedSpace() throws IOException {
    fs.ensureOpen(null);
    FileStore s = local();
    return s == null || fs.isReadOnly() ? 0 : s.getUnallocatedSpace();
  }

  @Override
  public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
    return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
        || type == FileOwnerAttributeView.class;
  }

  @Override
  public boolean supportsFileAttributeView(String name) {
    return DesAttributeView.VIEWS.contains(name);
  }

  @Override
  public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
    return null;
  }

  @Override
  public Object getAttribute(String attribute) throws IOException {
    return switch (attribute) {
      case "totalSpace" -> getTotalSpace();
      case "usableSpace" -> getUsableSpace();
      case "unallocatedSpace" -> getUnallocatedSpace();
      default -> throw new UnsupportedOperationException("file store attribute '" + attribute + "' is not available");
    };
  }

  @Override
  public String toString() {
    return name() + " (des)";
  }
}
