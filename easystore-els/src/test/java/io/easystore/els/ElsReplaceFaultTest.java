package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs seeded scripts of put, replace and delete through {@link FaultFileSystem} with a fault at
 * every metadata operation in turn, then reopens the real tree with the normal API: it must open,
 * every acknowledged write must read back exactly, an interrupted one must show the old or the new
 * value (never a mix, never a damaged entry), the listing must agree, and further writes must work.
 * In {@link FaultFileSystem.Mode#ERROR} the script goes on with the same handle after the failure,
 * so a handle that saw an I/O error must keep working too. See {@link FaultFileSystem} for what
 * the crash model covers.
 */
class ElsReplaceFaultTest {
  private static final String ABSENT = "<absent>";
  private static final List<List<String>> BUCKETS = List.of(List.of(), List.of("b"));
  private static final int KEYS = 3;

  @TempDir Path tmp;

  record Op(List<String> bucket, String key, byte[] value) {
    boolean delete() {
      return value == null;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (long seed = 0; seed < 3; seed++) {
      for (FaultFileSystem.Mode m : FaultFileSystem.Mode.values()) {
        out.add(Arguments.of(seed, m));
      }
    }
    return out.stream();
  }

  /** Sizes that cover an inline value, several chunks, and a value segment beyond INLINE_MAX. */
  private static byte[] value(Random rnd) {
    int[] sizes = {0, 1, 17, 300, RecordDir.INLINE_MAX, RecordDir.INLINE_MAX + 1, 2500};
    byte[] b = new byte[sizes[rnd.nextInt(sizes.length)]];
    rnd.nextBytes(b);
    return b;
  }

  private static List<Op> initial(long seed) {
    Random rnd = new Random(seed * 31 + 7);
    List<Op> ops = new ArrayList<>();
    for (List<String> b : BUCKETS) {
      for (int k = 0; k < KEYS; k++) {
        ops.add(new Op(b, "k" + k, value(rnd)));
      }
    }
    return ops;
  }

  /** Mostly replaces of existing keys, with some deletes and puts of deleted keys. */
  private static List<Op> script(long seed) {
    Random rnd = new Random(seed);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      List<String> b = BUCKETS.get(rnd.nextInt(BUCKETS.size()));
      String key = "k" + rnd.nextInt(KEYS);
      ops.add(new Op(b, key, rnd.nextInt(5) == 0 ? null : value(rnd)));
    }
    return ops;
  }

  private static String id(List<String> bucket, String key) {
    return String.join("/", bucket) + ":" + key;
  }

  private static String show(byte[] v) {
    return v == null ? ABSENT : Base64.getEncoder().encodeToString(v);
  }

  private static void apply(ElsStore s, Op op) throws IOException {
    ElsBucket b = s.bucket(op.bucket());
    if (op.delete()) {
      b.delete(op.key());
    } else {
      b.put(op.key(), op.value());
    }
  }

  /** Runs the script with {@code fs}'s fault; returns the metadata operations counted. */
  private static long runOn(Path real, long seed, List<Op> script, FaultFileSystem fs,
      Map<String, Set<String>> expected) throws IOException {
    ElsStore s0 = ElsStore.open(real, ElsOptions.defaults());
    for (Op op : initial(seed)) {
      apply(s0, op);
      expected.put(id(op.bucket(), op.key()), new HashSet<>(Set.of(show(op.value()))));
    }
    ElsStore s;
    try {
      s = ElsStore.open(fs.wrap(real), ElsOptions.defaults());
    } catch (IOException e) {
      return fs.count();
    }
    for (Op op : script) {
      Set<String> possible = expected.get(id(op.bucket(), op.key()));
      try {
        apply(s, op);
        possible.clear();
        possible.add(show(op.value()));
      } catch (IOException e) {
        possible.add(show(op.value()));
        if (fs.crashed()) {
          break;
        }
      }
    }
    return fs.count();
  }

  private static void verify(Path real, Map<String, Set<String>> expected, String ctx) throws IOException {
    ElsStore s = ElsStore.open(real, ElsOptions.defaults());
    for (List<String> bp : BUCKETS) {
      ElsBucket b = s.bucket(bp);
      Set<String> present = new TreeSet<>();
      for (int k = 0; k < KEYS; k++) {
        String key = "k" + k;
        Optional<byte[]> got = b.get(key);
        assertThat(expected.get(id(bp, key))).as(ctx + " " + id(bp, key))
            .contains(show(got.orElse(null)));
        if (got.isPresent()) {
          present.add(key);
        }
      }
      assertThat(new TreeSet<>(b.keys())).as(ctx + " keys of /" + bp).isEqualTo(present);
    }
    byte[] fresh = new byte[RecordDir.INLINE_MAX + 5];
    new Random(ctx.hashCode()).nextBytes(fresh);
    for (int k = 0; k < KEYS; k++) {
      s.bucket(List.of("b")).put("k" + k, fresh);
    }
    s.bucket(List.of()).put("later", fresh);
    ElsStore again = ElsStore.open(real, ElsOptions.defaults());
    for (int k = 0; k < KEYS; k++) {
      assertThat(again.bucket(List.of("b")).get("k" + k)).as(ctx + " further put").contains(fresh);
    }
    assertThat(again.bucket(List.of()).get("later")).as(ctx + " further put").contains(fresh);
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @MethodSource("cases")
  void acknowledgedWritesSurviveAFaultAtEveryOperationOfAReplaceScript(long seed, FaultFileSystem.Mode mode)
      throws IOException {
    faultAtEveryOperation(seed, script(seed), mode);
  }

  /** Replace then delete: the delete's marker removal must not overtake the replace's cleanup. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(FaultFileSystem.Mode.class)
  void deletedValueNeverComesBackAsAnOlderValueWhenUnsyncedChangesAreReordered(FaultFileSystem.Mode mode)
      throws IOException {
    Random rnd = new Random(99);
    byte[] small = new byte[300];
    byte[] big = new byte[2500];
    rnd.nextBytes(small);
    rnd.nextBytes(big);
    List<String> b = List.of("b");
    List<Op> script = List.of(new Op(b, "k0", new byte[0]), new Op(b, "k0", small), new Op(b, "k0", null),
        new Op(b, "k1", big), new Op(b, "k1", null), new Op(b, "k1", small));
    faultAtEveryOperation(5, script, mode);
  }

  private void faultAtEveryOperation(long seed, List<Op> script, FaultFileSystem.Mode mode) throws IOException {
    Path dry = Files.createDirectory(tmp.resolve("dry"));
    long total = runOn(dry, seed, script, new FaultFileSystem(FileSystems.getDefault(), mode, Long.MAX_VALUE),
        new LinkedHashMap<>());
    assertThat(total).as("the script does metadata operations").isGreaterThan(script.size());
    long undone = 0;
    for (long n = 1; n <= total; n++) {
      Path real = Files.createDirectory(tmp.resolve("run" + n));
      Map<String, Set<String>> expected = new LinkedHashMap<>();
      FaultFileSystem fs = new FaultFileSystem(FileSystems.getDefault(), mode, n);
      runOn(real, seed, script, fs, expected);
      undone += fs.undone();
      verify(real, expected, "seed " + seed + " " + mode + " fault at op " + n + "/" + total);
    }
    if (mode == FaultFileSystem.Mode.CRASH_LOSING_UNSYNCED || mode == FaultFileSystem.Mode.CRASH_KEEPING_LAST_UNSYNCED) {
      assertThat(undone).as("some crash lost unsynced changes").isPositive();
    }
  }
}
