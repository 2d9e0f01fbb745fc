package io.easystore.internal.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.UpdateOptions;
import io.easystore.testing.MockLocation;
import io.easystore.testing.MockLocation.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crashes and I/O errors at every write, sync and rename of seeded put/delete/commit sequences and
 * of a compaction (through {@link MockLocation}), then reopens the real file: it opens, holds every
 * acknowledged commit exactly, and the commit in flight is either wholly there or not at all.
 * Rerun one seed with {@code -Deasystore.tests.seed=N}.
 */
class UpdaterCrashTest {
  private static final String NAME = "c.des";

  @TempDir
  Path dir;

  static Stream<Arguments> seeds() {
    String one = System.getProperty("easystore.tests.seed");
    LongStream s = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.of(1, 2, 3, 4, 5, 6);
    return s.mapToObj(Arguments::of);
  }

  /** A seeded script: commits of puts and deletes; returns the model after each acknowledged commit. */
  private static List<List<String[]>> script(long seed) {
    Random r = new Random(seed);
    List<List<String[]>> commits = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      List<String[]> ops = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        String path = "f" + r.nextInt(6);
        if (r.nextInt(4) == 0) {
          ops.add(new String[] {"del", path});
        } else {
          ops.add(new String[] {"put", path, "body " + seed + "/" + c + "/" + i + " " + "x".repeat(r.nextInt(3000))});
        }
      }
      commits.add(ops);
    }
    return commits;
  }

  private static void apply(DesUpdater u, Map<String, String> model, List<String[]> ops) throws IOException {
    for (String[] op : ops) {
      if (op[0].equals("put")) {
        u.put(op[1], op[2].getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null);
        model.put(op[1], op[2]);
      } else if (model.containsKey(op[1])) {
        u.delete(op[1]);
        model.remove(op[1]);
      }
    }
  }

  private Map<String, String> onDisk() throws IOException {
    Map<String, String> got = new TreeMap<>();
    try (DesReader r = DesReader.open(dir.resolve(NAME))) {
      for (String f : r.listFiles()) {
        got.put(f, new String(r.getFile(f), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return got;
  }

  /** Runs the script with a fault at operation {@code at}; returns false if it ran to the end without one. */
  private boolean runWithFault(long seed, long at, int tear, boolean crash, boolean compact) throws IOException {
    for (Path p : Files.list(dir).toList()) {
      Files.delete(p);
    }
    MockLocation loc = MockLocation.of(dir, (seed * 1000 + at) * 16 + tear);
    List<List<String[]>> script = script(seed);
    Map<String, String> acked = new TreeMap<>();
    Map<String, String> inFlight = null;
    boolean faulted = false;
    String phase = "put";
    DesUpdater u = FileUpdater.open(loc, NAME, UpdateOptions.defaults().withCreate(true));
    if (crash) {
      loc.crashAt(null, at);
    } else {
      loc.failAt(null, at);
    }
    try {
      for (List<String[]> ops : script) {
        Map<String, String> next = new TreeMap<>(acked);
        apply(u, next, ops);
        inFlight = next;
        phase = "commit";
        u.commit();
        phase = "put";
        acked = next;
        inFlight = null;
      }
      if (compact) {
        inFlight = acked;
        phase = "compact";
        u.compact();
        inFlight = null;
      }
    } catch (IOException e) {
      faulted = true;
      if (!crash && !phase.equals("put")) {
        // A failed commit or compaction breaks the updater: it refuses further use with a typed error, and says why.
        assertThatThrownBy(() -> u.put("later", new byte[1], null, null)).isInstanceOf(IOException.class)
            .hasMessageContaining("failed part-way");
        assertThatThrownBy(u::commit).isInstanceOf(IOException.class).hasMessageContaining("failed part-way");
      }
    } finally {
      try {
        u.close();
      } catch (IOException e) {
        // The scheduled fault may fall on close's own rollback.
        faulted = true;
      }
    }
    loc.assertNoOpenHandles();
    Map<String, String> got = onDisk();
    if (inFlight != null && got.equals(inFlight)) {
      return faulted;
    }
    assertThat(got).as("seed %d, fault at op %d (crash %s)", seed, at, crash).isEqualTo(acked);
    // The next updater opens it, cuts any torn tail and commits on top.
    try (DesUpdater again = DesUpdater.open(dir.resolve(NAME))) {
      again.put("after", new byte[] {7}, null, null);
      again.commit();
    }
    got.put("after", "\u0007");
    assertThat(onDisk()).isEqualTo(got);
    return faulted;
  }

  private void everyPoint(long seed, boolean crash, boolean compact) throws IOException {
    long at = 0;
    // Several seeded tears of the same crash point: each keeps, drops or cuts other unsynced writes.
    int tears = crash ? 4 : 1;
    while (runWithFault(seed, at, 0, crash, compact)) {
      for (int t = 1; t < tears; t++) {
        runWithFault(seed, at, t, crash, compact);
      }
      at++;
    }
    assertThat(at).as("the script reached some fault points").isGreaterThan(5);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashAtAnyWriteSyncOrRenameKeepsEveryAcknowledgedCommit(long seed) throws IOException {
    everyPoint(seed, true, false);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void ioErrorDuringCommitBreaksTheUpdaterAndKeepsTheLastAcknowledgedCommit(long seed) throws IOException {
    everyPoint(seed, false, false);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashDuringCompactionKeepsTheCommittedState(long seed) throws IOException {
    everyPoint(seed, true, true);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void ioErrorDuringCompactionKeepsTheCommittedState(long seed) throws IOException {
    everyPoint(seed, false, true);
  }

  @Test
  void syncFailureIsTypedAndLeavesTheFileAtTheLastCommit() throws IOException {
    MockLocation loc = MockLocation.of(dir, 1);
    try (DesUpdater u = FileUpdater.open(loc, NAME, UpdateOptions.defaults().withCreate(true))) {
      u.put("a", new byte[] {1}, null, null);
      u.commit();
      u.put("b", new byte[] {2}, null, null);
      loc.failAt(Op.SYNC, 0);
      assertThatThrownBy(u::commit).isInstanceOf(IOException.class).hasMessageContaining("injected");
      assertThatThrownBy(u::view).isInstanceOf(IOException.class).hasMessageContaining("failed part-way");
    }
    loc.assertNoOpenHandles();
    try (DesReader r = DesReader.open(dir.resolve(NAME))) {
      assertThat(r.listFiles()).containsExactly("a");
      assertThat(Arrays.equals(r.getFile("a"), new byte[] {1})).isTrue();
    }
  }
}
