package io.easystore.nio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Copy and move between two des file systems (the JDK itself handles pairs of different
 * providers): a stream copy, then for a move a delete of the source, as the JDK does for foreign
 * targets. A directory is copied without its entries. Stateless.
 */
final class AcrossFileSystems {
  private AcrossFileSystems() {}

  static void copy(Path source, Path target, CopyOption... options) throws IOException {
    Set<CopyOption> opts = WriteOps.options(false, options);
    BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
    if (opts.contains(StandardCopyOption.REPLACE_EXISTING)) {
      Files.deleteIfExists(target);
    } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    if (a.isDirectory()) {
      Files.createDirectory(target);
    } else {
      try (InputStream in = Files.newInputStream(source)) {
        Files.copy(in, target);
      }
    }
    if (opts.contains(StandardCopyOption.COPY_ATTRIBUTES)) {
      Files.getFileAttributeView(target, BasicFileAttributeView.class).setTimes(a.lastModifiedTime(), null, null);
    }
  }

  static void move(Path source, Path target, CopyOption... options) throws IOException {
    Set<CopyOption> opts = WriteOps.options(true, options);
    if (opts.contains(StandardCopyOption.ATOMIC_MOVE)) {
      throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
          "the paths are in different des file systems");
    }
    boolean replace = opts.contains(StandardCopyOption.REPLACE_EXISTING);
    if (replace) {
      copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    } else {
      copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.delete(source);
  }
}
