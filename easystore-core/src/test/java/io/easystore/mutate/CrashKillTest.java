package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.internal.updates.CommitState;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process ({@link CrashWriterMain}) with SIGKILL at seeded random moments, many
 * times, and checks after every kill that the container opens in the last journaled committed
 * state, or in the state of the commit that was in flight (journaled as "intent" but not yet as
 * "commit"), with every body intact ({@code verify()} clean). Each run continues on the container
 * the previous kill left, so the next writer also trims the torn tail.
 *
 * <p>{@code -Deasystore.crashKills=N} sets the number of kills (default 200), spread over two
 * lanes (two containers, two writer processes at a time). Replay a lane with its seed.
 */
class CrashKillTest {
  static final int KILLS = Integer.getInteger("easystore.crashKills", 200);
  static final long SEED = Long.getLong("easystore.crashSeed", 20240611L);

  @TempDir
  Path dir;

  record Outcome(int kills, int inFlight, int torn) {}

  @Test
  void writersKilledAtRandomMomentsLeaveTheLastCommittedState() throws Exception {
    int lanes = 2;
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    try {
      List<Future<Outcome>> results = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        int kills = KILLS / lanes + (lane < KILLS % lanes ? 1 : 0);
        long seed = SEED + lane;
        Path laneDir = Files.createDirectory(dir.resolve("lane" + lane));
        results.add(pool.submit(() -> lane(laneDir, seed, kills)));
      }
      int kills = 0;
      int inFlight = 0;
      int torn = 0;
      for (Future<Outcome> f : results) {
        Outcome o = f.get();
        kills += o.kills();
        inFlight += o.inFlight();
        torn += o.torn();
      }
      System.out.println("crash test: " + kills + " SIGKILLs, every one reopened in a journaled state (" + inFlight
          + " in the state of the commit in flight, " + torn + " with an incomplete tail to skip)");
      assertThat(kills).isEqualTo(KILLS);
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome lane(Path laneDir, long seed, int kills) throws Exception {
    Path container = laneDir.resolve("crash.des");
    Path journal = laneDir.resolve("journal.txt");
    Path stderr = laneDir.resolve("stderr.txt");
    Random rnd = new Random(seed);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    int inFlight = 0;
    int torn = 0;
    for (int k = 0; k < kills; k++) {
      String replay = "lane seed " + seed + ", kill " + k;
      Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
          "-cp", cp, CrashWriterMain.class.getName(), container.toString(), journal.toString(),
          Long.toString(seed * 10_000 + k))
          .redirectError(stderr.toFile()).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String ready = out.readLine();
        if (!"ready".equals(ready)) {
          p.waitFor(30, TimeUnit.SECONDS);
          fail(replay + ": writer did not start: " + ready + " / " + Files.readString(stderr));
        }
        Thread.sleep(rnd.nextInt(160));
      } finally {
        p.destroyForcibly();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(replay + ": killed writer exits").isTrue();
      }
      if (p.exitValue() != 137 && p.exitValue() != 9) {
        fail(replay + ": writer ended by itself with " + p.exitValue() + ": " + Files.readString(stderr));
      }
      int[] o = check(container, journal, replay);
      inFlight += o[0];
      torn += o[1];
    }
    return new Outcome(kills, inFlight, torn);
  }

  /** Returns {1 if the in-flight commit's state was found, 1 if the tail was torn}. */
  private static int[] check(Path container, Path journal, String replay) throws IOException {
    String committed = Digests.of(new TreeMap<>());
    String intent = null;
    if (Files.exists(journal)) {
      for (String line : Files.readAllLines(journal, StandardCharsets.US_ASCII)) {
        if (line.startsWith("commit ") || line.startsWith("start ")) {
          committed = line.substring(line.indexOf(' ') + 1);
          intent = null;
        } else if (line.startsWith("intent ")) {
          intent = line.substring(7);
        }
      }
    }
    boolean torn;
    try (RangeSource s = RangeSources.file(container)) {
      torn = CommitState.locate(s, ReaderOptions.defaults(), true).tornTail();
    }
    String actual;
    List<String> problems;
    try (DesReader r = DesReader.open(container)) {
      actual = Digests.of(r);
      problems = r.verify().problems();
    }
    assertThat(problems).as(replay + ": bodies and index intact").isEmpty();
    if (!actual.equals(committed) && !actual.equals(intent)) {
      Path keep = Path.of("target", "crash-failures", replay.replaceAll("[^A-Za-z0-9]+", "-"));
      Files.createDirectories(keep);
      Files.copy(container, keep.resolve("crash.des"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(journal, keep.resolve("journal.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      fail(replay + ": container state " + actual + " is neither the last committed one " + committed
          + " nor the one in flight " + intent + " (container and journal kept in " + keep.toAbsolutePath() + ")");
    }
    return new int[] {actual.equals(intent) && !actual.equals(committed) ? 1 : 0, torn ? 1 : 0};
  }
}
