package io.easystore.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.testing.MockLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packing through {@link MockLocation}: a crash or I/O error at any write, sync or rename leaves
 * either no container at the name or the whole one, and a full disk leaves neither the container
 * nor a temporary or sibling file. Rerun one seed with {@code -Deasystore.tests.seed=N}.
 */
class PackFaultTest {
  private static final String NAME = "p.des";

  @TempDir
  Path dir;

  static Stream<Arguments> cases() {
    String one = System.getProperty("easystore.tests.seed");
    LongStream s = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.of(1, 2, 3);
    return s.boxed().flatMap(seed -> Stream.of(Arguments.of(seed, false), Arguments.of(seed, true)));
  }

  private static Map<String, String> content(long seed) {
    Random r = new Random(seed);
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < 2 + r.nextInt(5); i++) {
      m.put("d/f" + i, "entry " + seed + "/" + i + " " + "y".repeat(r.nextInt(4000)));
    }
    return m;
  }

  private static WriterOptions options(boolean external) {
    // External bodies make the writer publish sibling files before the container.
    return external ? WriterOptions.defaults().withExternalThreshold(1000) : WriterOptions.defaults();
  }

  private static void pack(MockLocation loc, Map<String, String> files, boolean external) throws IOException {
    try (DesWriter w = DesWriter.create(loc.create(NAME), options(external))) {
      for (Map.Entry<String, String> e : files.entrySet()) {
        w.addFile(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private void clean() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  private void assertWholeOrAbsent(Map<String, String> files, String why) throws IOException {
    Path p = dir.resolve(NAME);
    if (!Files.exists(p)) {
      return;
    }
    Map<String, String> got = new TreeMap<>();
    try (DesReader r = DesReader.open(p)) {
      for (String f : r.listFiles()) {
        got.put(f, new String(r.getFile(f), StandardCharsets.UTF_8));
      }
    }
    assertThat(got).as(why).isEqualTo(files);
  }

  @ParameterizedTest(name = "seed {0}, external {1}")
  @MethodSource("cases")
  void faultAtAnyWriteSyncOrRenameLeavesNoContainerOrTheWholeOne(long seed, boolean external) throws IOException {
    Map<String, String> files = content(seed);
    for (boolean crash : new boolean[] {true, false}) {
      for (long at = 0; ; at++) {
        clean();
        MockLocation loc = MockLocation.of(dir, seed * 1000 + at);
        if (crash) {
          loc.crashAt(null, at);
        } else {
          loc.failAt(null, at);
        }
        boolean faulted = false;
        try {
          pack(loc, files, external);
        } catch (IOException e) {
          faulted = true;
        }
        loc.assertNoOpenHandles();
        String why = "seed " + seed + ", " + (crash ? "crash" : "error") + " at op " + at;
        if (faulted) {
          assertThat(Files.exists(dir.resolve(NAME))).as(why + ": a failed pack published nothing").isFalse();
        }
        assertWholeOrAbsent(files, why);
        if (!faulted) {
          assertThat(at).as("the pack reached some fault points").isGreaterThan(2);
          break;
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, external {1}")
  @MethodSource("cases")
  void fullDiskDuringPackLeavesNoContainerAndNoTemporaryFile(long seed, boolean external) throws IOException {
    Map<String, String> files = content(seed);
    long total;
    MockLocation probe = MockLocation.of(dir, seed);
    pack(probe, files, external);
    total = Files.size(dir.resolve(NAME));
    clean();
    for (long budget : new long[] {0, 1, 100, total / 3, total / 2, total - 1}) {
      MockLocation loc = MockLocation.of(dir, seed).diskBudget(budget);
      assertThatThrownBy(() -> pack(loc, files, external)).as("budget %d of %d", budget, total)
          .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
      loc.assertNoOpenHandles();
      assertThat(leftovers()).as("budget %d of %d", budget, total).isEmpty();
    }
  }
}
