package io.easystore.bench.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
    return io.easystore.bench.data.Entries.name(i);
  }

  static byte[] body(int i, int size) {
    return io.easystore.bench.data.Entries.body(i, size, 0);
  }

  /** A DES v2 container (bodies stored raw: they are incompressible) of n entries. */
  static Path des(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.des(dir(), n, size);
  }

  /** A zip of the same entries, STORED (no compression, like the DES container). */
  static Path zip(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.zip(dir(), n, size);
  }

  /** The same entries as plain files under a directory tree. */
  static Path tree(int n, int size) throws IOException {
    return io.easystore.bench.data.Entries.tree(dir(), n, size);
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
