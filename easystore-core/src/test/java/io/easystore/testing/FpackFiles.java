package io.easystore.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes FilePacker v1 packs in the layout of the original Python writer (docs/FORMAT.md), so
 * tests can build packs with chosen contents, including hostile ones.
 */
public final class FpackFiles {
  private FpackFiles() {}

  /** Writes {@code files} (path to body, in map order) as a pack with the given base path. */
  public static Path write(Path out, String basePath, Map<String, byte[]> files) throws IOException {
    int n = files.size();
    ByteBuffer head = ByteBuffer.allocate(265 + 136 * n).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) 1).putLong(n).put(padded(basePath, 256));
    head.put(nameBlock(files.keySet().toArray(String[]::new)));
    for (byte[] body : files.values()) {
      head.putLong(body.length);
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      o.write(head.array());
      for (byte[] body : files.values()) {
        o.write(body);
      }
    }
    return out;
  }

  /**
   * The name table exactly as the original writer builds it: each name padded with spaces to 128
   * characters (Python's {@code ljust(128)} counts code points), the padded names joined, the
   * whole text encoded as UTF-8 and truncated to {@code 128 x n} bytes. Non-ASCII names therefore
   * do not sit in 128-byte slots, and the last names lose padding (or characters).
   */
  public static byte[] nameBlock(String... names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      text.append(name);
      for (int k = name.codePointCount(0, name.length()); k < 128; k++) {
        text.append(' ');
      }
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, 128 * names.length);
  }

  private static byte[] padded(String s, int width) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > width) {
      throw new IllegalArgumentException("'" + s + "' is longer than " + width + " bytes");
    }
    byte[] out = Arrays.copyOf(utf8, width);
    Arrays.fill(out, utf8.length, width, (byte) ' ');
    return out;
  }
}
