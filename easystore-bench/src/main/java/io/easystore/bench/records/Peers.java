package io.easystore.bench.records;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The baselines: JSON lines through a gzip or a zstd stream. */
final class Peers {
  private Peers() {}

  static OutputStream open(String kind, Path p) throws IOException {
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(p), 64 * 1024);
    return kind.equals("gzip") ? new GZIPOutputStream(file, 64 * 1024) : new ZstdOutputStream(file, 3);
  }

  static InputStream read(String kind, Path p) throws IOException {
    InputStream file = new BufferedInputStream(Files.newInputStream(p), 64 * 1024);
    return kind.equals("gzip") ? new GZIPInputStream(file, 64 * 1024)
        : new BufferedInputStream(new ZstdInputStream(file), 64 * 1024);
  }

  static void write(String kind, Path p, byte[][] records) throws IOException {
    try (OutputStream out = open(kind, p)) {
      for (byte[] r : records) {
        out.write(r);
        out.write('\n');
      }
    }
  }

  /** Splits the stream into lines and sums their lengths, as a reader of JSON lines must. */
  static long scan(String kind, Path p) throws IOException {
    long sum = 0;
    long lines = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = read(kind, p)) {
      int n;
      long cur = 0;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            sum += cur;
            lines++;
            cur = 0;
          } else {
            cur++;
          }
        }
      }
    }
    return sum + lines;
  }
}
