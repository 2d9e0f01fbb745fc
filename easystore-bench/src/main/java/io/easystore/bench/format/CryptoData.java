package io.easystore.bench.format;

import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.bench.records.LogBodies;
import io.easystore.codec.CodecId;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The datasets and option sets of the encryption benchmarks (issue 8). Workload {@code small}:
 * 20,000 files of 1 to 4 KiB (uniformly spread, about 50 MB); {@code large}: 4 files of 16 MiB
 * (64 MiB). Names are {@link Datasets#name}; content {@code json} is {@link LogBodies} (log-like
 * JSON lines, compressible), {@code random} is {@link Datasets#body} (incompressible, so zstd stores
 * bodies raw). Mode {@code plain}: no encryption; {@code enc}: bodies, index, root block and
 * metadata sealed; {@code enc-names-visible}: bodies sealed only. One fixed benchmark key.
 */
final class CryptoData {
  static final int SMALL_FILES = 20_000;
  static final int LARGE_FILES = 4;
  static final int LARGE_SIZE = 16 << 20;

  static final KeyProvider KEYS = KeyProviders.of("bench", key());

  private CryptoData() {}

  private static byte[] key() {
    byte[] k = new byte[32];
    new SplittableRandom(8).nextBytes(k);
    return k;
  }

  static int files(String workload) {
    return workload.equals("small") ? SMALL_FILES : LARGE_FILES;
  }

  static int size(String workload, int i) {
    return workload.equals("small") ? 1024 + (int) ((i * 2_654_435_761L) % 3073) : LARGE_SIZE;
  }

  static String[] names(String workload) {
    String[] n = new String[files(workload)];
    for (int i = 0; i < n.length; i++) {
      n[i] = Datasets.name(i);
    }
    return n;
  }

  static byte[][] bodies(String workload, String content) {
    byte[][] b = new byte[files(workload)][];
    for (int i = 0; i < b.length; i++) {
      int size = size(workload, i);
      b[i] = content.equals("random") ? Datasets.body(i, size) : LogBodies.body(i, size);
    }
    return b;
  }

  static long totalBytes(String workload) {
    long t = 0;
    for (int i = 0; i < files(workload); i++) {
      t += size(workload, i);
    }
    return t;
  }

  static WriterOptions writer(String codec, String mode, Path tempDir) {
    WriterOptions o = WriterOptions.defaults().withCodec(codec.equals("zstd") ? CodecId.ZSTD : CodecId.NONE)
        .withTempDir(tempDir);
    switch (mode) {
      case "plain":
        return o;
      case "enc":
        return o.withEncryption(Encryption.of("bench", KEYS));
      case "enc-names-visible":
        return o.withEncryption(Encryption.of("bench", KEYS).withNamesVisible());
      default:
        throw new IllegalArgumentException("mode " + mode);
    }
  }

  static ReaderOptions reader(String mode) {
    return mode.equals("plain") ? ReaderOptions.defaults() : ReaderOptions.defaults().withKeys(KEYS);
  }

  static long write(Path target, WriterOptions options, String[] names, byte[][] bodies) throws IOException {
    try (DesWriter w = DesWriter.create(target, options)) {
      for (int i = 0; i < names.length; i++) {
        w.addFile(names[i], bodies[i]);
      }
    }
    return Files.size(target);
  }

  /** A container of the dataset, built once under {@link Datasets#dir()} and reused. */
  static Path container(String workload, String codec, String mode, String content) throws IOException {
    Path p = Datasets.dir().resolve("crypto-" + workload + "-" + codec + "-" + mode + "-" + content + ".des");
    if (!Files.exists(p)) {
      write(p, writer(codec, mode, Datasets.dir()), names(workload), bodies(workload, content));
    }
    return p;
  }
}
