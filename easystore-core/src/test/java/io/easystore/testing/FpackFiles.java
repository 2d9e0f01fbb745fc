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
    for (String name : files.keySet()) {
      head.put(padded(name, 128));
    }
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
