package io.easystore.nio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code des} file system provider, registered through {@code META-INF/services}.
 *
 * <p>URIs look like the JDK's {@code jar:} URIs: {@code des:} followed by the container's URI, then
 * {@code !} and the absolute path inside it, e.g. {@code des:file:///data/c.des!/docs/a.txt} or
 * {@code des:https://host/c.des!/a.txt}. {@link #newFileSystem(URI, Map)} registers the file
 * system under its container, so {@code Path.of(uri)} finds it until it is closed; file systems
 * opened with {@link #newFileSystem(Path, Map)} are private to the caller, as with zip files.
 *
 * <p>Every operation is delegated to the path's {@link DesFileSystem}. Thread-safe.
 */
public final class DesFileSystemProvider extends FileSystemProvider {
  /** The URI scheme. */
  public static final String SCHEME = "des";

  private final Map<String, DesFileSystem> byContainer = new HashMap<>(); // guarded by itself

  /** Used by {@link java.util.ServiceLoader}; applications go through {@link java.nio.file.FileSystems}. */
  public DesFileSystemProvider() {}

  /** The installed instance, so file systems opened directly are found by URI as well. */
  static FileSystemProvider installed() {
    for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
      if (p.getScheme().equalsIgnoreCase(SCHEME)) {
        return p;
      }
    }
    return new DesFileSystemProvider();
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  /** A container location and the path inside it, parsed from a {@code des:} URI. */
  private record Location(URI container, Path local, String inner) {
    static Location parse(URI uri) {
      if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
        throw new IllegalArgumentException("not a des: URI: " + uri);
      }
      String raw = uri.getRawSchemeSpecificPart();
      int bang = raw.indexOf("!/");
      String rawContainer = bang < 0 ? (raw.endsWith("!") ? raw.substring(0, raw.length() - 1) : raw)
          : raw.substring(0, bang);
      String inner = bang < 0 ? "/" : URI.create(raw.substring(bang + 1)).getPath();
      URI container = URI.create(rawContainer);
      String scheme = container.getScheme() == null ? "" : container.getScheme().toLowerCase(Locale.ROOT);
      Path local = scheme.equals("file") ? Path.of(container)
          : scheme.isEmpty() ? Path.of(container.getPath()) : null;
      return new Location(container, local, inner);
    }

    String key() {
      return local != null ? local.toAbsolutePath().normalize().toString() : container.toString();
    }
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    Location loc = Location.parse(uri);
    DesFsOptions options = DesFsOptions.parse(env);
    String key = loc.key();
    synchronized (byContainer) {
      if (byContainer.containsKey(key)) {
        throw new FileSystemAlreadyExistsException(key);
      }
      ContainerOpener.Opened c = loc.local() != null
          ? ContainerOpener.local(loc.local(), options) : ContainerOpener.remote(loc.container(), options);
      DesFileSystem fs = new DesFileSystem(this, key, options, c);
      byContainer.put(key, fs);
      return fs;
    }
  }

  /** Opens a local container as a file system of its own, not registered for {@code des:} URIs. */
  @Override
  public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
    DesFsOptions options = DesFsOptions.parse(env);
    return new DesFileSystem(this, null, options, ContainerOpener.local(path, options));
  }

  void removed(String key, DesFileSystem fs) {
    if (key != null) {
      synchronized (byContainer) {
        byContainer.remove(key, fs);
      }
    }
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    String key = Location.parse(uri).key();
    synchronized (byContainer) {
      DesFileSystem fs = byContainer.get(key);
      if (fs == null) {
        throw new FileSystemNotFoundException("no open des file system for " + key);
      }
      return fs;
    }
  }

  @Override
  public Path getPath(URI uri) {
    return getFileSystem(uri).getPath(Location.parse(uri).inner());
  }

  private static DesFileSystem fs(Path p) {
    return DesPath.check(p).getFileSystem();
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    DesPath p = DesPath.check(path);
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      return p.getFileSystem().writes().newWriteChannel(p, options, attrs);
    }
    return p.getFileSystem().reads().newReadChannel(p);
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    return fs(path).reads().newInputStream(DesPath.check(path), options);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    return fs(dir).reads().newDirectoryStream(DesPath.check(dir), filter);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    fs(dir).writes().createDirectory(DesPath.check(dir), attrs);
  }

  @Override
  public void delete(Path path) throws IOException {
    fs(path).writes().delete(DesPath.check(path));
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    DesPath s = DesPath.check(source);
    DesPath t = DesPath.check(target);
    if (s.getFileSystem() == t.getFileSystem()) {
      s.getFileSystem().writes().copy(s, t, options);
    } else {
      AcrossFileSystems.copy(s, t, options);
    }
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    DesPath s = DesPath.check(source);
    DesPath t = DesPath.check(target);
    if (s.getFileSystem() == t.getFileSystem()) {
      s.getFileSystem().writes().move(s, t, options);
    } else {
      AcrossFileSystems.move(s, t, options);
    }
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    DesPath a = DesPath.check(path);
    if (a.equals(path2)) {
      return true;
    }
    if (!(path2 instanceof DesPath b) || b.getFileSystem() != a.getFileSystem()) {
      return false;
    }
    a.getFileSystem().reads().attributes(a);
    b.getFileSystem().reads().attributes(b);
    return a.entryPath().equals(b.entryPath());
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    DesPath p = DesPath.check(path);
    p.getFileSystem().ensureOpen(p);
    Path name = p.toAbsolutePath().normalize().getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    DesPath p = DesPath.check(path);
    p.getFileSystem().reads().attributes(p);
    return p.getFileSystem().store();
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    fs(path).reads().checkAccess(DesPath.check(path), modes);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    DesPath p = DesPath.check(path);
    if (type == BasicFileAttributeView.class) {
      return (V) new DesAttributeView("basic", p);
    }
    if (type == PosixFileAttributeView.class) {
      return (V) new DesAttributeView("posix", p);
    }
    if (type == FileOwnerAttributeView.class) {
      return (V) new DesAttributeView("owner", p);
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    if (type != BasicFileAttributes.class && type != PosixFileAttributes.class) {
      throw new UnsupportedOperationException("attributes of type " + type.getName() + " are not available");
    }
    return (A) fs(path).reads().attributes(DesPath.check(path));
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    return DesAttributeView.readMap(DesPath.check(path), attributes);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    DesAttributeView.set(DesPath.check(path), attribute, value);
  }
}
