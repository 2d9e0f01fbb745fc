package io.easystore.nio;

import io.easystore.DesReader;
import io.easystore.io.RangeSource;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.UpdateOptions;
import io.easystore.remote.RemoteSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Objects;

/**
 * Opens the container behind a new file system: a local file through an updater (read-write) or a
 * reader (read-only), a remote one through {@link RemoteSources} (always read-only). Stateless.
 */
final class ContainerOpener {
  private ContainerOpener() {}

  /**
   * An opened container.
   *
   * @param name the container's name for messages
   * @param uri the container's URI, which {@code des:} URIs of its paths embed
   * @param path the local file, or null when remote
   * @param defaultTime the modification time of entries that record none
   */
  record Opened(String name, URI uri, Path path, Backend backend, FileTime defaultTime, Principals principals) {
    Opened {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(defaultTime, "defaultTime");
      Objects.requireNonNull(principals, "principals");
    }
  }

  static Opened local(Path container, DesFsOptions o) throws IOException {
    if (o.hasRemoteKeys()) {
      throw new IllegalArgumentException("dotted options (such as s3.endpoint) apply to remote containers only, not to "
          + container);
    }
    if (o.readOnly() && o.create()) {
      throw new IllegalArgumentException("options create and readOnly exclude each other (" + container + ")");
    }
    Backend backend;
    if (o.readOnly()) {
      backend = Backend.readOnly(DesReader.open(container, o.readerOptions()));
    } else {
      if (!o.create() && !Files.exists(container)) {
        throw new NoSuchFileException(container.toString(), null, "no such container (pass create=true to make one)");
      }
      UpdateOptions u = UpdateOptions.defaults().withCreate(o.create())
          .withWriterOptions(o.tempDir() == null ? o.writerOptions() : o.writerOptions().withTempDir(o.tempDir()));
      backend = Backend.readWrite(DesUpdater.open(container, u), o.commit());
    }
    try {
      String owner = o.owner();
      String group = o.group();
      PosixFileAttributeView posix = Files.getFileAttributeView(container, PosixFileAttributeView.class);
      if (owner == null) {
        owner = Files.getOwner(container).getName();
      }
      if (group == null) {
        group = posix != null ? posix.readAttributes().group().getName() : owner;
      }
      return new Opened(container.toString(), container.toAbsolutePath().toUri(), container, backend,
          Files.getLastModifiedTime(container), new Principals(owner, group));
    } catch (IOException | RuntimeException e) {
      try {
        backend.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  static Opened remote(URI location, DesFsOptions o) throws IOException {
    if (o.create()) {
      throw new IllegalArgumentException("remote containers are read-only; cannot create " + location);
    }
    RangeSource source = RemoteSources.open(location.toString(), o.remoteOptions());
    DesReader reader;
    try {
      reader = DesReader.open(source, o.readerOptions());
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
    String user = System.getProperty("user.name", "nobody");
    String owner = o.owner() != null ? o.owner() : user;
    return new Opened(reader.name(), location, null, Backend.readOnly(reader), FileTime.fromMillis(0),
        new Principals(owner, o.group() != null ? o.group() : owner));
  }
}
