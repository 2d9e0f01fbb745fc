package io.easystore.nio;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A DES container seen as a {@link FileSystem}: directories and files of a v2 container (a v1
 * container is one flat directory), with the single root {@code /}. Open one with
 * {@link FileSystems#newFileSystem(Path, Map)} on an existing container, with
 * {@code FileSystems.newFileSystem(URI.create("des:" + path.toUri()), Map.of("create", "true"))}
 * or {@link #open(Path, Map)} to create one, or with {@code des:https://...} / {@code des:s3://...}
 * URIs for remote containers (always read-only). The options are listed in the README and in
 * {@code DesFsOptions}.
 *
 * <p>A writable file system holds the container's update lock until closed; its changes are
 * published per the {@code commit} option: on {@link #close()} (default), on {@link #sync()}, or
 * after every change. Reads through the file system see its own pending changes.
 *
 * <p>Thread-safe: any number of threads may use one file system; changes are applied one at a
 * time. Streams and channels belong to the thread that opened them.
 */
public final class DesFileSystem extends FileSystem {
  private final DesFileSystemProvider provider;
  private final String key;
  private final DesFsOptions options;
  private final ContainerOpener.Opened container;
  private final Backend backend;
  private final DesPath root;
  private final DesFileStore store;
  private final ReadOps reads;
  private final WriteOps writes;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final Set<Closeable> resources = ConcurrentHashMap.newKeySet();

  DesFileSystem(DesFileSystemProvider provider, String key, DesFsOptions options, ContainerOpener.Opened container) {
    this.provider = provider;
    this.key = key;
    this.options = options;
    this.container = container;
    this.backend = container.backend();
    this.root = new DesPath(this, "/");
    this.store = new DesFileStore(this);
    this.reads = new ReadOps(this);
    this.writes = new WriteOps(this);
  }

  /**
   * Opens (or with {@code create=true}, creates) the container at {@code container} as a file
   * system, through the installed {@code des} provider. Unlike
   * {@link FileSystems#newFileSystem(Path, Map)}, this never lets another provider claim the path
   * (the JDK's zip provider takes any missing file when {@code create} is set).
   */
  public static DesFileSystem open(Path container, Map<String, ?> env) throws IOException {
    return (DesFileSystem) DesFileSystemProvider.installed().newFileSystem(container, env);
  }

  /** Publishes every pending change now, whatever the commit policy. A no-op when read-only. */
  public void sync() throws IOException {
    ensureOpen(null);
    backend.sync();
  }

  /** The container's name (path or URI), as used in messages. */
  public String containerName() {
    return container.name();
  }

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  /**
   * Closes open streams and channels (channels being written put their bodies first), commits
   * per the policy and releases the container. Later access throws
   * {@link java.nio.file.ClosedFileSystemException}. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    IOException failure = null;
    try {
      for (Closeable c : new ArrayList<>(resources)) {
        try {
          c.close();
        } catch (IOException e) {
          failure = add(failure, e);
        }
      }
      try {
        backend.close();
      } catch (IOException e) {
        failure = add(failure, e);
      }
    } finally {
      provider.removed(key, this);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public boolean isOpen() {
    return open.get();
  }

  @Override
  public boolean isReadOnly() {
    return backend.isReadOnly();
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    ensureOpen(null);
    return List.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    ensureOpen(null);
    return List.of(store);
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return DesAttributeView.VIEWS;
  }

  @Override
  public Path getPath(String first, String... more) {
    return DesPath.of(this, first, more);
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return DesPathMatcher.of(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return container.principals();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("des file systems have no watch service");
  }

  @Override
  public String toString() {
    return "des:" + container.uri();
  }

  // ---- for the package ----

  void ensureOpen(Object path) {
    if (!open.get()) {
      throw Refusals.closed(container.name(), path);
    }
  }

  void checkWritable(Object path) {
    ensureOpen(path);
    if (backend.isReadOnly()) {
      throw Refusals.readOnly(container.name(), path);
    }
  }

  <T extends Closeable> T track(T resource) throws IOException {
    resources.add(resource);
    if (!open.get()) {
      resources.remove(resource);
      resource.close();
      throw Refusals.closed(container.name(), null);
    }
    return resource;
  }

  void untrack(Closeable resource) {
    resources.remove(resource);
  }

  DesPath root() {
    return root;
  }

  Backend backend() {
    return backend;
  }

  ReadOps reads() {
    return reads;
  }

  WriteOps writes() {
    return writes;
  }

  DesFsOptions options() {
    return options;
  }

  DesFileStore store() {
    return store;
  }

  URI containerUri() {
    return container.uri();
  }

  /** The local container file, or null for a remote one. */
  Path containerPath() {
    return container.path();
  }

  long containerSize() throws IOException {
    try (View v = backend.view()) {
      return v.reader().stats().fileSize();
    }
  }

  FileTime defaultTime() {
    return container.defaultTime();
  }

  Principals principals() {
    return container.principals();
  }
}
