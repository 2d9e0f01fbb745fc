package io.easystore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Searches written bytes for key material, for the tests that keys never leak into files or output. */
public final class KeyLeaks {
  private KeyLeaks() {}

  /** The first position of {@code needle} in {@code hay}, or -1. */
  public static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Asserts that no regular file under {@code dir} contains any of {@code needles}; returns how many
   * files were scanned, so callers can check the scan saw what they wrote.
   */
  public static int assertNoneInFiles(Path dir, byte[]... needles) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path p : files) {
      byte[] content = Files.readAllBytes(p);
      for (byte[] n : needles) {
        assertThat(indexOf(content, n)).as("key material in %s", p).isEqualTo(-1);
      }
    }
    return files.size();
  }
}
