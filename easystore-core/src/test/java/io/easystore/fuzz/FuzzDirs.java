package io.easystore.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSources;
import io.easystore.testing.FuzzChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Scratch directories per fuzz input, and the pristine bases of the edit-script targets. */
final class FuzzDirs {
  private FuzzDirs() {}

  @FunctionalInterface
  interface InDir<T> {
    T run(Path dir) throws Exception;
  }

  /** Runs {@code body} in a fresh directory under the hang budget, then deletes the directory. */
  static <T> T inFreshDir(String what, InDir<T> body) {
    Path dir;
    try {
      dir = Files.createTempDirectory("esfuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return FuzzChecks.bounded(what, () -> body.run(dir));
    } finally {
      delete(dir);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the fuzz scratch directory " + dir, e);
    }
  }

  /** A committed base container (src/test/resources/io/easystore/fuzz/bases/NAME). */
  static byte[] base(String name) {
    try (InputStream in = FuzzDirs.class.getResourceAsStream("bases/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fuzz base " + name + " (regenerate with FuzzSeedsWriter)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pristine contents of a base: bodies and metadata by name. */
  record Pristine(byte[] bytes, Map<String, byte[]> bodies, Map<String, JsonNode> meta) {
    static Pristine of(String name, ReaderOptions options) {
      byte[] bytes = base(name);
      Map<String, byte[]> bodies = new LinkedHashMap<>();
      Map<String, JsonNode> meta = new LinkedHashMap<>();
      try (DesReader r = DesReader.open(RangeSources.memory(name, bytes), options)) {
        for (String n : r.listFiles()) {
          bodies.put(n, r.getFile(n));
          meta.put(n, r.getMeta(n));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("fuzz base " + name + " does not read", e);
      }
      return new Pristine(bytes, bodies, meta);
    }
  }
}
