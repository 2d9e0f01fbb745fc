package io.easystore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesWriter;
import io.easystore.json.ReferenceJson;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packs the regular files directly inside a directory into a DES v1 container (v1 names are
 * flat). A subdirectory is an error rather than something silently left out.
 */
final class FlatPacker {
  record Result(int files, long bytes) {}

  private FlatPacker() {}

  /** The regular files of {@code dir}, sorted by name; fails on any subdirectory. */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NotDirectoryException(dir.toString());
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path p : (Iterable<Path>) children.sorted()::iterator) {
        if (Files.isDirectory(p)) {
          throw new IOException(dir + " has a subdirectory '" + p.getFileName()
              + "', but DES v1 holds flat names only; pack a flat directory (trees need the native format)");
        }
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    return files;
  }

  static Result pack(List<Path> files, Path out, boolean metaFromMime, Progress progress) throws IOException {
    long bytes = 0;
    try (DesWriter w = DesWriter.create(out)) {
      for (Path p : files) {
        ObjectNode meta = null;
        if (metaFromMime) {
          meta = ReferenceJson.object().put("mime", mime(p));
        }
        long before = w.bytesWritten();
        w.addFile(p.getFileName().toString(), p, meta);
        long n = w.bytesWritten() - before;
        bytes += n;
        progress.step(n);
      }
    }
    return new Result(files.size(), bytes);
  }

  static String mime(Path p) throws IOException {
    String type = Files.probeContentType(p);
    if (type == null) {
      type = URLConnection.guessContentTypeFromName(p.getFileName().toString());
    }
    return type == null ? "application/octet-stream" : type;
  }

  static long totalSize(List<Path> files) throws IOException {
    long total = 0;
    for (Path p : files) {
      total += Files.size(p);
    }
    return total;
  }
}
