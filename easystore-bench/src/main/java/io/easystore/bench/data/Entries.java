package io.easystore.bench.data;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The synthetic entries the format and update benchmarks compare across formats: entry {@code i}
 * is named {@code d<i % 1000>/f<i>.bin} and holds {@code size} pseudo-random (incompressible)
 * bytes derived from {@code i} and a version (0 for the pristine data). Each file is generated
 * once in a directory the caller chooses, written under a temporary name and moved into place, so
 * an interrupted run never leaves a half-built dataset that a later run would trust.
 */
public final class Entries {
  private Entries() {}

  public static String name(int i) {
    return "d" + (i % 1000) + "/f" + i + ".bin";
  }

  /** Version 0 of entry {@code i}; later versions are what updates write. */
  public static byte[] body(int i, int size, int version) {
    byte[] b = new byte[size];
    new SplittableRandom(i * 0x9E3779B97F4A7C15L + version * 0x632BE59BD9B4E019L).nextBytes(b);
    return b;
  }

  /** A DES v2 container of n entries (stored raw: the bodies are incompressible). */
  public static Path des(Path dir, int n, int size) throws IOException {
    Path p = dir.resolve("des-" + n + "-" + size + ".des");
    if (!Files.exists(p)) {
      Path tmp = dir.resolve("des-" + n + "-" + size + ".building");
      try (DesWriter w = DesWriter.create(tmp, WriterOptions.defaults().withCodec(CodecId.NONE).withTempDir(dir))) {
        for (int i = 0; i < n; i++) {
          w.addFile(name(i), body(i, size, 0));
        }
      }
      Files.move(tmp, p);
    }
    return p;
  }

  /** A zip of the same entries, STORED (no compression, like the DES container). */
  public static Path zip(Path dir, int n, int size) throws IOException {
    Path p = dir.resolve("zip-" + n + "-" + size + ".zip");
    if (!Files.exists(p)) {
      Path tmp = dir.resolve("zip-" + n + "-" + size + ".building");
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

  /** The same entries as plain files under a directory tree. */
  public static Path tree(Path dir, int n, int size) throws IOException {
    Path p = dir.resolve("tree-" + n + "-" + size);
    Path done = dir.resolve("tree-" + n + "-" + size + ".done");
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
}
