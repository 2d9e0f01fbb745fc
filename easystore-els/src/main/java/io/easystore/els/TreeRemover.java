package io.easystore.els;

import io.easystore.CorruptContainerException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Removes a bucket or value directory so that it disappears for readers in one step: its commit
 * markers go first (oldest generation first, so no older generation resurfaces), then everything
 * else. Works on damaged directories too, so that corrupt entries can always be deleted. The
 * caller holds the store's write lock.
 */
final class TreeRemover {
  private TreeRemover() {}

  static void remove(RecordDir records, Path dir) throws IOException {
    Listing l;
    try {
      l = records.list(dir);
    } catch (CorruptContainerException malformed) {
      l = null;
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
          p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("c."))) {
        for (Path marker : ds) {
          Files.delete(marker);
        }
      }
      records.sync(dir);
    }
    if (l != null) {
      records.uncommit(dir, l);
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
