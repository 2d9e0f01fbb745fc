package io.easystore.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference fixtures (files written by the original Python tools), kept in this repository
 * under {@code easystore-core/src/test/resources/reference/} so that every clone runs the
 * compatibility tests; see the README.md there for which tool wrote each file. They are read from
 * the test classpath: a directory when core's own tests run, a test-jar for other modules, whose
 * files are then copied once per JVM into a temporary directory (tests need real paths).
 * Thread-safe.
 */
public final class Fixtures {
  /** Every file of the reference set; a test-jar cannot be listed, so they are named here. */
  static final List<String> FILES = List.of(
      "README.md", "v1-empty.des", "v1-basic.des", "v1-unicode.des", "v1-600.des", "v1-manifest.json",
      "fp-dataset.fpack", "fp-dataset-tree.tar", "fp-dataset-manifest.json");

  private static Path dir;

  private Fixtures() {}

  public static synchronized Path dir() {
    if (dir == null) {
      dir = locate();
    }
    return dir;
  }

  private static Path locate() {
    URL readme = Fixtures.class.getResource("/reference/README.md");
    if (readme == null) {
      // A missing resource is a broken build, not a reason to skip: fail loudly.
      throw new IllegalStateException("reference fixtures missing from the test classpath (/reference/README.md)");
    }
    try {
      if ("file".equals(readme.getProtocol())) {
        return Path.of(readme.toURI()).getParent();
      }
      Path copy = Files.createTempDirectory("easystore-reference");
      // Registered before its files, so the JVM deletes the files first and then the directory.
      copy.toFile().deleteOnExit();
      for (String name : FILES) {
        copy.resolve(name).toFile().deleteOnExit();
        try (InputStream in = Fixtures.class.getResourceAsStream("/reference/" + name)) {
          if (in == null) {
            throw new IllegalStateException("reference fixture missing from the test classpath: " + name);
          }
          Files.copy(in, copy.resolve(name));
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  public static JsonNode json(String name) throws IOException {
    return new ObjectMapper().readTree(file(name).toFile());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
