package io.easystore.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Package {@code io} is the storage seam the remote code builds on, so it must not refer back to
 * {@code io.easystore.remote} (the io↔remote cycle of the 2026-12 review). Checked on the compiled
 * classes: a reference of any kind (import, fully qualified name, signature) lands in the constant
 * pool as {@code io/easystore/remote/...}; comments do not.
 */
class IoPackageDependenciesTest {

  @Test
  void ioPackageReferencesNothingInRemote() throws IOException, URISyntaxException {
    Path root = Path.of(RangeSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve("io/easystore/io");
    List<Path> classes;
    try (Stream<Path> s = Files.list(dir)) {
      classes = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    assertThat(classes).as("compiled io classes").hasSizeGreaterThan(10);
    List<String> offenders = classes.stream()
        .filter(p -> {
          try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("io/easystore/remote/");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        })
        .map(p -> p.getFileName().toString())
        .toList();
    assertThat(offenders).as("io classes that refer to io.easystore.remote").isEmpty();
  }
}
