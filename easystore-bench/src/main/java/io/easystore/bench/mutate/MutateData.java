package io.easystore.bench.mutate;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
    return "d" + (i % 1000) + "/f" + i + ".bin";
  }

  static byte[] body(int i, int size, int version) {
    byte[] b = new byte[size];
    new SplittableRandom(i * 0x9E3779B97F4A7C15L + version * 0x632BE59BD9B4E019L).nextBytes(b);
    return b;
  }

  /** A pristine DES v2 container of n entries (stored raw: the bodies are incompressible). */
  static Path des(int n, int size) throws IOException {
    Path p = dir().resolve("des-" + n + "-" + size + ".des");
    if (!Files.exists(p)) {
      Path tmp = dir().resolve("des-" + n + "-" + size + ".building");
      try (DesWriter w = DesWriter.create(tmp, WriterOptions.defaults().withCodec(CodecId.NONE).withTempDir(dir()))) {
        for (int i = 0; i < n; i++) {
          w.addFile(name(i), body(i, size, 0));
        }
      }
      Files.move(tmp, p);
    }
    return p;
  }

  /** A pristine zip (STORED, like the DES container) of the same entries. */
  static Path zip(int n, int size) throws IOException {
    Path p = dir().resolve("zip-" + n + "-" + size + ".zip");
    if (!Files.exists(p)) {
      Path tmp = dir().resolve("zip-" + n + "-" + size + ".building");
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
          ZipOutputStream z = new ZipOutputStream(os)) {
        z.setMethod(ZipOutputStream.STORED);
        CRC32 crc = new CRC32();
        for (int i = 0; i < n; i++) {
          byte[] b = body(i, size, 0);
          ZipEntry e = new ZipEntry(name(i));
          crc.reset();
          crc.update(b);
          e.setSize(b.length);
          e.setCompressedSize(b.length);
          e.setCrc(crc.getValue());
          z.putNextEntry(e);
          z.write(b);
          z.closeEntry();
        }
      }
      Files.move(tmp, p);
    }
    return p;
  }

  /** A pristine directory tree of the same entries. */
  static Path tree(int n, int size) throws IOException {
    Path p = dir().resolve("tree-" + n + "-" + size);
    Path done = dir().resolve("tree-" + n + "-" + size + ".done");
    if (!Files.exists(done)) {
      for (int i = 0; i < n; i++) {
        Path f = p.resolve(name(i));
        Files.createDirectories(f.getParent());
        Files.write(f, body(i, size, 0));
      }
      Files.createFile(done);
    }
    return p;
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
