package io.easystore.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Counts the files under a directory on a background thread and gives the count to a progress
 * bar as its total, so a pack shows a percentage soon after it starts. An estimate: filters other
 * than hidden names and followed links are not applied; the bar only ever shows it.
 */
final class FileCount {
  private FileCount() {}

  static void start(Path dir, boolean includeHidden, Progress progress) {
    Thread t = new Thread(() -> {
      long[] n = new long[1];
      try {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            return !includeHidden && !d.equals(dir) && d.getFileName().toString().startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (includeHidden || !f.getFileName().toString().startsWith(".")) {
              n[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
        progress.total(n[0]);
      } catch (IOException | RuntimeException e) {
        // Only an estimate for the bar: the pack itself reports what it cannot read.
      }
    }, "des-pack-count");
    t.setDaemon(true);
    t.start();
  }
}
