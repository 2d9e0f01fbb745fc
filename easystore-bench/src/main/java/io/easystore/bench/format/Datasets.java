package io.easystore.bench.format;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/**
 * The same entries in every format a benchmark compares: entry {@code i} is named
 * {@code d<i % 1000>/f<i>.bin} and holds {@code size} pseudo-random (incompressible) bytes derived
 * from {@code i}. Files are generated once under {@code -Deasystore.bench.dir} (default
 * /tmp/des-bench) and reused; bodies are streamed, so 10^7 entries need no large heap.
 */
final class Datasets {
  private Datasets() {}

  static Path dir() throws IOException {
    Path d = Paths.get(System.getProperty("easystore.bench.dir", "/tmp/des-bench"));
    Files.createDirectories(d);
    return d;
  }

  static String name(int i) {
    return "d" + (i % 1000) + "/f" + i + ".bin";
  }

  static byte[] body(int i, int size) {
    byte[] b = new byte[size];
    new SplittableRandom(i * 0x9E3779B97F4A7C15L).nextBytes(b);
    return b;
  }

  /** A DES v2 container (bodies stored raw: they are incompressible) of n entries. */
  static Path des(int n, int size) throws IOException {
    Path p = dir().resolve("des-" + n + "-" + size + ".des");
    if (!Files.exists(p)) {
      try (DesWriter w = DesWriter.create(p, WriterOptions.defaults().withCodec(CodecId.NONE).withTempDir(dir()))) {
        for (int i = 0; i < n; i++) {
          w.addFile(name(i), body(i, size));
        }
      }
    }
    return p;
  }

  /** A zip of the same entries, STORED (no compression, like the DES container). */
  static Path zip(int n, int size) throws IOException {
    Path p = dir().resolve("zip-" + n + "-" + size + ".zip");
    if (!Files.exists(p)) {
      Path tmp = dir().resolve("zip-" + n + "-" + size + ".tmp");
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
          ZipOutputStream z = new ZipOutputStream(os)) {
        z.setMethod(ZipOutputStream.STORED);
        CRC32 crc = new CRC32();
        for (int i = 0; i < n; i++) {
          byte[] b = body(i, size);
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
  static Path tree(int n, int size) throws IOException {
    Path p = dir().resolve("tree-" + n + "-" + size);
    Path done = dir().resolve("tree-" + n + "-" + size + ".done");
    if (!Files.exists(done)) {
      for (int i = 0; i < n; i++) {
        Path f = p.resolve(name(i));
        Files.createDirectories(f.getParent());
        Files.write(f, body(i, size));
      }
      Files.createFile(done);
    }
    return p;
  }

  /** An LMDB environment holding the same keys and values. */
  static Path lmdb(int n, int size) throws IOException {
    Path p = dir().resolve("lmdb-" + n + "-" + size);
    Path done = dir().resolve("lmdb-" + n + "-" + size + ".done");
    if (!Files.exists(done)) {
      Files.createDirectories(p);
      try (Env<ByteBuffer> env = Env.create().setMapSize(((long) n * (size + 200)) * 2 + (64L << 20))
          .setMaxDbs(1).open(p.toFile())) {
        Dbi<ByteBuffer> db = env.openDbi("d", DbiFlags.MDB_CREATE);
        ByteBuffer k = ByteBuffer.allocateDirect(511);
        ByteBuffer v = ByteBuffer.allocateDirect(size);
        int batch = 100_000;
        for (int start = 0; start < n; start += batch) {
          try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (int i = start; i < Math.min(n, start + batch); i++) {
              k.clear();
              k.put(name(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).flip();
              v.clear();
              v.put(body(i, size)).flip();
              db.put(txn, k, v);
            }
            txn.commit();
          }
        }
      }
      Files.createFile(done);
    }
    return p;
  }
}
