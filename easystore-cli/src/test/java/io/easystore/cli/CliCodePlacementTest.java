package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Command-line code lives in easystore-cli only: no class of the library modules (core, records,
 * ELS) refers to picocli, so their jars do not need it and their packages are not the CLI's.
 */
class CliCodePlacementTest {
  @Test
  void libraryModulesCarryNoCommandLineCode() throws IOException, URISyntaxException {
    List<String> offenders = new ArrayList<>();
    int classes = 0;
    for (Class<?> c : List.of(io.easystore.DesReader.class, io.easystore.records.RecordArchives.class,
        io.easystore.els.ElsStore.class)) {
      Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/classes in a reactor build, the module's jar otherwise.
      try (FileSystem jar = Files.isDirectory(where) ? null : FileSystems.newFileSystem(where)) {
        Path root = jar == null ? where : jar.getPath("/");
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
            classes++;
            String name = root.relativize(f).toString().replace('\\', '/');
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (text.contains("picocli/") || name.contains("/cli/")) {
              offenders.add(where + ": " + name);
            }
          }
        }
      }
    }
    assertThat(classes).as("library classes scanned").isGreaterThan(100);
    assertThat(offenders).as("library classes that are, or refer to, command-line code").isEmpty();
  }
}
