package io.easystore.bench.tree;

import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.TreePacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The trees the tree benchmarks use, built once under a work directory and reused: the JDK 25
 * sources (src.zip unpacked) and a generated tree of 200,000 files of 1 KiB in 200 directories.
 */
public final class TreeData {
  /** Files in the generated tree. */
  public static final int SMALL_FILES = 200_000;
  /** Bytes per generated file. */
  public static final int SMALL_SIZE = 1024;
  static final int SMALL_DIRS = 200;

  private TreeData() {}

  /** The work directory: {@code -Ddes.bench.work}, default {@code /tmp/des-tree-bench}. */
  public static Path work() throws IOException {
    return Files.createDirectories(Paths.get(System.getProperty("des.bench.work", "/tmp/des-tree-bench")));
  }

  /** The JDK sources from {@code src.zip}, unpacked on first use. */
  public static Path jdkSources(Path work) throws IOException {
    Path dir = work.resolve("jdk25-src");
    Path done = work.resolve("jdk25-src.done");
    if (Files.exists(done)) {
      return dir;
    }
    Path zip = Paths.get(System.getProperty("des.bench.srczip", "/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip"));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = z.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        Path p = dir.resolve(e.getName()).normalize();
        if (!p.startsWith(dir)) {
          throw new IOException("unsafe entry " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          try (InputStream in = z.getInputStream(e)) {
            Files.copy(in, p);
          }
        }
      }
    }
    Files.createFile(done);
    return dir;
  }

  /** 200,000 files of 1 KiB of seeded random bytes, 1,000 per directory. */
  public static Path smallFiles(Path work) throws IOException {
    Path dir = work.resolve("small-200k");
    Path done = work.resolve("small-200k.done");
    if (Files.exists(done)) {
      return dir;
    }
    Random rnd = new Random(42);
    byte[] body = new byte[SMALL_SIZE];
    int perDir = SMALL_FILES / SMALL_DIRS;
    for (int d = 0; d < SMALL_DIRS; d++) {
      Path sub = Files.createDirectories(dir.resolve(String.format("d%03d", d)));
      for (int f = 0; f < perDir; f++) {
        rnd.nextBytes(body);
        Files.write(sub.resolve(String.format("f%04d.bin", f)), body);
      }
    }
    Files.createFile(done);
    return dir;
  }

  /** A container of {@code tree} (DES v2 without compression, so bodies are read as stored), built once. */
  public static Path container(Path work, Path tree, String name) throws IOException {
    Path c = work.resolve(name);
    if (!Files.exists(c)) {
      TreePacker.pack(tree, c, WriterOptions.defaults().withCodec(CodecId.NONE), PackOptions.defaults().withThreads(8),
          PackListener.NONE);
    }
    return c;
  }

  /** Every file below {@code tree}, as relative {@code /}-separated paths, sorted. */
  public static List<String> files(Path tree) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(tree)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add(tree.relativize(p).toString().replace('\\', '/')));
    }
    out.sort(null);
    return out;
  }

  /** {@code n} paths drawn at random (seeded) from {@code all}. */
  public static List<String> sample(List<String> all, int n, long seed) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(all.get(rnd.nextInt(all.size())));
    }
    return out;
  }
}
