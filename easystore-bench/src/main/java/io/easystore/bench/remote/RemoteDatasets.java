package io.easystore.bench.remote;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The same entries as DES v2, DES v1 and zip (all stored raw): entry {@code i} is named
 * {@code d<i % 1000>/f<i>.bin} ({@code d<i % 1000>_f<i>.bin} in v1, which has flat names) and holds
 * {@code size} pseudo-random bytes. Built once under {@code -Deasystore.bench.dir} (default
 * /tmp/des-bench-remote) and reused.
 */
final class RemoteDatasets {
  enum Format {
    DES_V2("DES v2", "des2"), DES_V1("DES v1", "des1"), ZIP("zip (STORED)", "zip");

    final String label;
    final String ext;

    Format(String label, String ext) {
      this.label = label;
      this.ext = ext;
    }
  }

  private RemoteDatasets() {}

  static String name(Format f, int i) {
    return "d" + (i % 1000) + (f == Format.DES_V1 ? "_" : "/") + "f" + i + ".bin";
  }

  static byte[] body(int i, int size) {
    byte[] b = new byte[size];
    new SplittableRandom(i * 0x9E3779B97F4A7C15L).nextBytes(b);
    return b;
  }

  static Path dir() throws IOException {
    Path d = Paths.get(System.getProperty("easystore.bench.dir", "/tmp/des-bench-remote"));
    Files.createDirectories(d);
    return d;
  }

  static Path get(Format f, int n, int size) throws IOException {
    Path p = dir().resolve(n + "-" + size + "." + f.ext);
    if (Files.exists(p)) {
      return p;
    }
    Path tmp = dir().resolve(n + "-" + size + "." + f.ext + ".tmp");
    switch (f) {
      case DES_V2, DES_V1 -> {
        WriterOptions o = f == Format.DES_V1 ? WriterOptions.v1()
            : WriterOptions.defaults().withCodec(CodecId.NONE).withTempDir(dir());
        try (DesWriter w = DesWriter.create(tmp, o)) {
          for (int i = 0; i < n; i++) {
            w.addFile(name(f, i), body(i, size));
          }
        }
      }
      case ZIP -> {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
            ZipOutputStream z = new ZipOutputStream(os)) {
          z.setMethod(ZipOutputStream.STORED);
          CRC32 crc = new CRC32();
          for (int i = 0; i < n; i++) {
            byte[] b = body(i, size);
            ZipEntry e = new ZipEntry(name(f, i));
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
      }
      default -> throw new IllegalArgumentException(f.toString());
    }
    Files.move(tmp, p);
    return p;
  }
}
