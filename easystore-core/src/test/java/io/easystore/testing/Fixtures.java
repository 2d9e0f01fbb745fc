package io.easystore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Locates the reference fixtures in {@code ../shared/fixtures}. Tests skip, with a message, only
 * when that folder is absent; whenever it is present they run.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path dir() {
    String configured = System.getProperty("easystore.shared");
    Path shared = configured != null ? Paths.get(configured) : Paths.get("..", "..", "shared");
    if (!Files.isDirectory(shared)) {
      shared = Paths.get("..", "shared");
    }
    Path dir = shared.resolve("fixtures").toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir), "reference fixtures not found at " + dir + " (../shared beside the checkout)");
    return dir;
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
