package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.testing.MockLocation;
import io.easystore.testing.MockLocation.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crashes and I/O errors at every write and sync of seeded append/flush/sync scripts (through
 * {@link MockLocation}), then reopens the real file with the normal reader: every acknowledged
 * record is there, exactly and in order, followed by nothing but a prefix of what was appended
 * after it, and the archive takes a further append. Rerun one seed with
 * {@code -Deasystore.tests.seed=N}.
 */
class RecordAppendCrashTest {
  private static final String NAME = "a.rec";

  @TempDir
  Path dir;

  /** Crash points whose tear left unsynced pages out of order (see runWithFault). */
  private int interiorDamage;

  static Stream<Arguments> seeds() {
    String one = System.getProperty("easystore.tests.seed");
    LongStream s = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.of(1, 2, 3, 4);
    return s.mapToObj(Arguments::of);
  }

  /** A seeded script: "a:record" appends, "f" flushes, "s" syncs. */
  private static List<String> script(long seed) {
    Random r = new Random(seed);
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      steps.add("a:r" + seed + "/" + i + " " + "x".repeat(r.nextInt(r.nextInt(8) == 0 ? 600 : 60)));
      int k = r.nextInt(10);
      if (k == 0) {
        steps.add("f");
      } else if (k <= 2) {
        steps.add("s");
      }
    }
    steps.add("s");
    return steps;
  }

  private static WriterOptions options(long seed) {
    // Odd seeds acknowledge at flush too (syncOnFlush); small pages so appends write pages.
    return WriterOptions.defaults().withPageSize(256).withSyncOnFlush(seed % 2 == 1);
  }

  /** The records of the real file, read with the normal reader up to a torn tail. */
  private List<String> onDisk() throws IOException {
    return onDisk(null);
  }

  /** As {@link #onDisk()}; damage inside the archive ends the list and is put into {@code damage} when given. */
  private List<String> onDisk(CorruptPageException[] damage) throws IOException {
    List<String> got = new ArrayList<>();
    try (RecordReader r = RecordArchives.open(dir.resolve(NAME), ReaderOptions.defaults().withTolerateTornTail(true))) {
      RecordCursor<String> c = r.cursor(RecordTypes.utf8());
      while (c.next()) {
        got.add(c.current().value());
      }
    } catch (CorruptPageException e) {
      if (damage == null) {
        throw e;
      }
      damage[0] = e;
    }
    return got;
  }

  /** Runs the script with a fault at operation {@code at}; returns false if the script never got that far. */
  private boolean runWithFault(long seed, long at, int tear, boolean crash) throws IOException {
    for (Path p : Files.list(dir).toList()) {
      Files.delete(p);
    }
    WriterOptions opts = options(seed);
    MockLocation loc = MockLocation.of(dir, (seed * 1000 + at) * 16 + tear);
    if (crash) {
      loc.crashAt(null, at);
    } else {
      loc.failAt(null, at);
    }
    List<String> appended = new ArrayList<>();
    int acked = 0;
    boolean faulted = false;
    RecordWriter w = null;
    try {
      w = RecordArchives.create(loc, NAME, opts);
      for (String step : script(seed)) {
        if (step.startsWith("a:")) {
          String rec = step.substring(2);
          // An append either stores its record (buffered, not yet acknowledged) or throws and does not.
          w.append(rec);
          appended.add(rec);
        } else if (step.equals("s") || opts.syncOnFlush) {
          if (step.equals("s")) {
            w.sync();
          } else {
            w.flush();
          }
          acked = appended.size();
        } else {
          w.flush();
        }
      }
    } catch (IOException e) {
      faulted = true;
      if (crash) {
        assertThat(e).isInstanceOf(MockLocation.CrashException.class);
      } else {
        assertThat(e).hasMessageContaining("injected");
      }
    } finally {
      if (w != null) {
        try {
          w.close();
        } catch (IOException e) {
          // The scheduled fault may fall on close's own page write or sync.
          faulted = true;
        }
      }
    }
    loc.assertNoOpenHandles();
    // An append retries a failed page write at the next call and so may absorb a one-off error.
    boolean reached = loc.ops() > at;
    assertThat(faulted || !crash).isEqualTo(reached || !crash);
    String what = "seed " + seed + ", fault at op " + at + " tear " + tear + " (crash " + crash + ")";
    if (!Files.exists(dir.resolve(NAME))) {
      assertThat(acked).as(what).isZero();
      return reached;
    }
    CorruptPageException[] damage = new CorruptPageException[1];
    List<String> got = onDisk(crash ? damage : null);
    assertThat(got.size()).as(what + ": acknowledged records kept").isGreaterThanOrEqualTo(acked);
    if (damage[0] != null) {
      // KNOWN LIMITATION (reported): pages written after the last sync may land out of order (a
      // later one kept, an earlier one lost or zeroed). The walker cannot tell that from damage
      // inside the archive, so the acknowledged records all read but appending is refused.
      assertThat(appended.subList(0, got.size())).as(what).isEqualTo(got);
      assertThatThrownBy(() -> RecordArchives.openForAppend(dir.resolve(NAME), opts).close())
          .isInstanceOf(CorruptPageException.class);
      interiorDamage++;
      return reached;
    }
    assertThat(appended.subList(0, Math.min(appended.size(), got.size()))).as(what).isEqualTo(got);
    if (!crash) {
      // An injected error is not a crash: closing retried it, so everything appended is there, once.
      assertThat(got).as(what).isEqualTo(appended);
    }
    try (RecordWriter again = RecordArchives.openForAppend(dir.resolve(NAME), opts)) {
      again.append("after");
    }
    got.add("after");
    assertThat(onDisk()).as(what).isEqualTo(got);
    return reached;
  }

  private void everyPoint(long seed, boolean crash) throws IOException {
    long at = 0;
    // Several seeded tears of the same crash point: each keeps, drops or cuts other unsynced writes.
    int tears = crash ? 4 : 1;
    while (runWithFault(seed, at, 0, crash)) {
      for (int t = 1; t < tears; t++) {
        runWithFault(seed, at, t, crash);
      }
      at++;
    }
    assertThat(at).as("the script reached some fault points").isGreaterThan(10);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashAtAnyWriteOrSyncKeepsEveryAcknowledgedRecordInOrder(long seed) throws IOException {
    everyPoint(seed, true);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void ioErrorAtAnyWriteOrSyncIsTypedAndLosesOrRepeatsNoRecord(long seed) throws IOException {
    everyPoint(seed, false);
  }

  @Test
  void syncFailureIsTypedAndLeavesTheArchiveReadableToTheLastSync() throws IOException {
    MockLocation loc = MockLocation.of(dir, 1);
    try (RecordWriter w = RecordArchives.create(loc, NAME, WriterOptions.defaults())) {
      w.append("one");
      w.sync();
      w.append("two");
      loc.crashAt(Op.SYNC, 0);
      assertThatThrownBy(w::sync).isInstanceOf(IOException.class).hasMessageContaining("crashed at this SYNC");
      assertThatThrownBy(w::close).isInstanceOf(IOException.class);
    }
    loc.assertNoOpenHandles();
    assertThat(onDisk()).startsWith("one");
  }

  /** The record an append buffered before its page write failed is stored once: the append does not fail. */
  @Test
  void failedPageWriteInAppendNeitherLosesNorRepeatsTheRecord() throws IOException {
    MockLocation loc = MockLocation.of(dir, 1);
    List<String> appended = new ArrayList<>();
    try (RecordWriter w = RecordArchives.create(loc, NAME, WriterOptions.defaults().withPageSize(256))) {
      // A record that fills the page makes append write it: that write fails.
      loc.failAt(Op.WRITE, 0);
      String big = "y".repeat(300);
      try {
        w.append(big);
      } catch (IOException e) {
        // A caller told the append failed retries it.
        w.append(big);
      }
      appended.add(big);
      w.sync();
    }
    loc.assertNoOpenHandles();
    assertThat(onDisk()).isEqualTo(appended);
  }

  /** Under syncOnFlush, a flush after a page whose sync failed syncs before it acknowledges. */
  @Test
  void failedSyncOnFlushIsRetriedByTheNextFlush() throws IOException {
    MockLocation loc = MockLocation.of(dir, 1);
    try (RecordWriter w = RecordArchives.create(loc, NAME, WriterOptions.defaults().withSyncOnFlush(true))) {
      w.append("one");
      loc.failAt(Op.SYNC, 0);
      assertThatThrownBy(w::flush).isInstanceOf(IOException.class).hasMessageContaining("injected");
      long syncs = loc.ops(Op.SYNC);
      w.flush();
      assertThat(loc.ops(Op.SYNC)).as("the acknowledging flush synced the written page").isEqualTo(syncs + 1);
    }
    loc.assertNoOpenHandles();
  }
}
