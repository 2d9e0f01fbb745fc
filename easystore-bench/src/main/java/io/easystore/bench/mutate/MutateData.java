package io.easystore.bench.mutate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * The entries every update benchmark uses, in each format compared: entry {@code i} is named
 * {@code d<i % 1000>/f<i>.bin} and holds {@code size} pseudo-random bytes derived from {@code i}
 * (version 0; {@link #body(int, int, int)} gives later versions). Pristine files are generated
 * once under {@code -Deasystore.bench.dir} (default /tmp/des-bench) in {@code mutate/}; each run
 * works on a fresh copy, since updates change the files.
 */
final class MutateData {
  private MutateData() {}

  static Path dir() throws IOException {
    Path d = Paths.get(System.getProperty("easystore.bench.dir", "/tmp/des-bench"), "mutate");
    Files.createDirectories(d);
    return d;
  }

  static String name(int i) {
    return io.easystore.bench.data.Entries.name(i);
  }

  static byte[] body(int i, int size, int version) {
    return io.easystore.bench.data.Entries.body(i, size, version);
  }

  /** A pristine DES v2 container of n entries (stored raw: the bodies are incompressible). */
  static Path des(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.des(dir(), n, size);
  }

  /** A pristine zip (STORED, like the DES container) of the same entries. */
  static Path zip(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.zip(dir(), n, size);
  }

  /** A pristine directory tree of the same entries. */
  static Path tree(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.tree(dir(), n, size);
  }

  /** A fresh working copy of a pristine file (its lock file, if any, removed). */
  static Path copy(Path pristine, String label) throws IOException {
    Path w = dir().resolve("work-" + label + "-" + pristine.getFileName());
    Files.copy(pristine, w, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(w.resolveSibling(w.getFileName() + ".lock"));
    return w;
  }

  /** Copies a directory tree (for a fresh working copy of the plain-files peer). */
  static Path copyTree(Path pristine, String label) throws IOException {
    Path w = dir().resolve("work-" + label + "-" + pristine.getFileName());
    deleteTree(w);
    try (var s = Files.walk(pristine)) {
      for (Path src : (Iterable<Path>) s::iterator) {
        Path dst = w.resolve(pristine.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst);
        }
      }
    }
    return w;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }

  /** Bytes this process has passed to write(2) so far (Linux /proc/self/io "wchar"), or -1. */
  static long bytesWritten() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/io"))) {
        if (line.startsWith("wchar:")) {
          return Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
