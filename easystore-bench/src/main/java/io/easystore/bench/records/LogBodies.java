package io.easystore.bench.records;

import java.io.ByteArrayOutputStream;

/**
 * File bodies made of the log-like JSON lines of {@link Data}, for benchmarks outside this package
 * that need compressible content (zstd shrinks them to about a quarter, see BENCHMARKS.md "Size").
 * Deterministic per seed; thread-safe (stateless).
 */
public final class LogBodies {
  private static final int LINE = 256;

  private LogBodies() {}

  /** Exactly {@code size} bytes of newline-separated JSON records generated from {@code seed}. */
  public static byte[] body(long seed, int size) {
    int lines = size / (LINE + 1) + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * (LINE + 1));
    for (byte[] r : Data.records(LINE, lines, seed)) {
      out.write(r, 0, r.length);
      out.write('\n');
    }
    byte[] all = out.toByteArray();
    return java.util.Arrays.copyOf(all, size);
  }
}
