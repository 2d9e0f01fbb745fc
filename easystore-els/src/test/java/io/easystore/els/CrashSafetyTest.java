package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulates crashes at every step of a write, an append and a delete by recreating the exact
 * directory state the writer leaves after its first k file operations, then checks that readers
 * see the old value or the new one, never a mix, and that the next write cleans up.
 */
class CrashSafetyTest {
  @TempDir Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 6);
  }

  /** The record's file names (the place marker, which no write changes, left out). */
  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(RecordDir.PLACE_PREFIX))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static void recreate(Path dir, Iterable<String> names) throws IOException {
    for (String n : names(dir)) {
      Files.delete(dir.resolve(n));
    }
    for (String n : names) {
      Files.createFile(dir.resolve(n));
    }
  }

  private static int field(String name, int i) {
    return Integer.parseInt(name.split("\\.")[i]);
  }

  /** The order in which {@link RecordDir#write} creates a generation's files. */
  static List<String> writeOrder(Set<String> genFiles) {
    List<String> chunks1 = new ArrayList<>();
    List<String> chunks0 = new ArrayList<>();
    String marker1 = null;
    String marker0 = null;
    for (String n : genFiles) {
      boolean chunk = n.startsWith("d.");
      int seg = field(n, 2);
      if (chunk) {
        (seg == 0 ? chunks0 : chunks1).add(n);
      } else if (seg == 0) {
        marker0 = n;
      } else {
        marker1 = n;
      }
    }
    Comparator<String> byIdx = Comparator.comparingInt(n -> field(n, 3));
    chunks1.sort(byIdx);
    chunks0.sort(byIdx);
    List<String> order = new ArrayList<>(chunks1);
    order.addAll(chunks0);
    if (marker1 != null) {
      order.add(marker1);
    }
    order.add(marker0);
    return order;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interruptedPutLeavesTheOldValueOrTheNewOneNeverAMix(long seed) throws IOException {
    Random r = new Random(seed);
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false)
        .withCaseInsensitive(seed % 2 == 1));
    ElsBucket b = s.bucket(List.of("b"));
    byte[] oldV = ValueRoundTripPropertyTest.randomBytes(r, r.nextInt(6000));
    byte[] newV = ValueRoundTripPropertyTest.randomBytes(r, 1 + r.nextInt(6000));
    b.put("k", oldV);
    Path vdir = s.directory().resolve(Names.childDir(true, "b")).resolve(Names.childDir(false, "k"));
    Set<String> oldNames = names(vdir);
    b.put("k", newV);
    Set<String> newNames = names(vdir);
    List<String> order = writeOrder(newNames);

    for (int k = 0; k <= order.size(); k++) {
      List<String> state = new ArrayList<>(oldNames);
      state.addAll(order.subList(0, k));
      recreate(vdir, state);
      byte[] expect = k == order.size() ? newV : oldV;
      assertThat(b.get("k").orElseThrow()).as("crash after %d of %d creations", k, order.size())
          .isEqualTo(expect);
    }
    // Crash while removing the old generation: markers go first, then chunks.
    List<String> removal = new ArrayList<>();
    oldNames.stream().filter(n -> n.startsWith("c.")).forEach(removal::add);
    oldNames.stream().filter(n -> n.startsWith("d.")).forEach(removal::add);
    for (int k = 0; k <= removal.size(); k++) {
      List<String> state = new ArrayList<>(newNames);
      state.addAll(removal.subList(k, removal.size()));
      recreate(vdir, state);
      assertThat(b.get("k").orElseThrow()).isEqualTo(newV);
    }
    // Recovery: a crash mid-write, then the next put cleans up and wins.
    List<String> crashed = new ArrayList<>(oldNames);
    crashed.addAll(order.subList(0, order.size() - 1));
    recreate(vdir, crashed);
    byte[] third = ValueRoundTripPropertyTest.randomBytes(r, r.nextInt(3000));
    b.put("k", third);
    assertThat(b.get("k").orElseThrow()).isEqualTo(third);
    assertThat(names(vdir).stream().map(n -> n.split("\\.")[1]).distinct()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interruptedAppendLeavesTheValueAsBefore(long seed) throws IOException {
    Random r = new Random(seed + 100);
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    ElsBucket b = s.rootBucket();
    byte[] v = ValueRoundTripPropertyTest.randomBytes(r, r.nextInt(3000));
    b.put("k", v);
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    Set<String> before = names(vdir);
    byte[] more = ValueRoundTripPropertyTest.randomBytes(r, 1 + r.nextInt(3000));
    b.append("k", more);
    Set<String> after = names(vdir);
    List<String> added = new ArrayList<>(after);
    added.removeAll(before);
    added.sort(Comparator.comparing((String n) -> n.startsWith("c.")).thenComparingInt(n -> field(n, 3)));
    for (int k = 0; k < added.size(); k++) {
      List<String> state = new ArrayList<>(before);
      state.addAll(added.subList(0, k));
      recreate(vdir, state);
      assertThat(b.get("k").orElseThrow()).isEqualTo(v);
    }
    // The next append replaces the half-written segment.
    byte[] again = ValueRoundTripPropertyTest.randomBytes(r, 1 + r.nextInt(3000));
    b.append("k", again);
    byte[] expect = new byte[v.length + again.length];
    System.arraycopy(v, 0, expect, 0, v.length);
    System.arraycopy(again, 0, expect, v.length, again.length);
    assertThat(b.get("k").orElseThrow()).isEqualTo(expect);
  }

  @Test
  void interruptedDeleteHidesTheValueAtOnce() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[5000]);
    Path vdir = s.directory().resolve(Names.childDir(false, "k"));
    Set<String> names = names(vdir);
    List<String> removal = new ArrayList<>();
    names.stream().filter(n -> n.startsWith("c.") && field(n, 2) == 0).forEach(removal::add);
    names.stream().filter(n -> n.startsWith("c.") && field(n, 2) != 0).forEach(removal::add);
    names.stream().filter(n -> n.startsWith("d.")).forEach(removal::add);
    for (int k = 1; k <= removal.size(); k++) {
      List<String> state = new ArrayList<>(names);
      state.removeAll(removal.subList(0, k));
      recreate(vdir, state);
      assertThat(s.rootBucket().get("k")).isEmpty();
      assertThat(s.rootBucket().keys()).isEmpty();
    }
    s.rootBucket().put("k", new byte[] {7});
    assertThat(s.rootBucket().get("k").orElseThrow()).containsExactly(7);
  }

  @Test
  void aBucketRecreatedAfterAnInterruptedDeleteDoesNotResurrectItsChildren() throws IOException {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    s.bucket(List.of("b")).put("old", new byte[] {1});
    Path bdir = s.directory().resolve(Names.childDir(true, "b"));
    // A delete that stopped right after hiding the bucket: its markers are gone, the rest stays.
    for (String n : names(bdir)) {
      if (n.startsWith("c.")) {
        Files.delete(bdir.resolve(n));
      }
    }
    assertThat(s.bucket(List.of("b")).exists()).isFalse();
    assertThat(s.rootBucket().buckets()).isEmpty();
    s.bucket(List.of("b")).put("new", new byte[] {2});
    assertThat(s.bucket(List.of("b")).keys()).containsExactly("new");
  }

  @Test
  void aStoreWhoseCreationWasInterruptedIsCreatedAgain() throws IOException {
    Path d = tmp.resolve("s");
    ElsStore.open(d, ElsOptions.defaults().withSync(false));
    Files.delete(d.resolve("els.1.b64"));
    ElsStore s = ElsStore.open(d, ElsOptions.defaults().withSync(false));
    s.rootBucket().put("k", new byte[] {1});
    assertThat(names(d)).contains("els.1.b64");
    assertThat(s.rootBucket().keys()).containsExactly("k");
  }
}
