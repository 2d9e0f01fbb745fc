package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.updates.CommitRecord;
import io.easystore.internal.updates.CommitState;
import io.easystore.io.RangeSources;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded corruption of containers updated in place: truncation, bit flips in every region (base,
 * each delta segment, commit block and footer, header) and field rewrites of the commit footer,
 * the commit block and segment footers with their checksums recomputed, so that validation rather
 * than the CRC must catch them. Every read gives the committed bytes or a typed
 * {@link CorruptContainerException} naming the container and an offset; an updater opened on a
 * damaged copy either refuses it with an {@link IOException} or works. Replay from the seed.
 */
class UpdatedCorruptionTest {
  record Sample(String name, byte[] bytes, Map<String, byte[]> files) {}

  static final List<Sample> SAMPLES = new ArrayList<>();

  @BeforeAll
  static void samples(@TempDir Path tmp) throws IOException {
    SAMPLES.add(sample(tmp, "compact-deltas", 40, 6, WriterOptions.defaults()));
    SAMPLES.add(sample(tmp, "paged-delta", 30, 1, WriterOptions.defaults().withCodec(CodecId.NONE)));
    SAMPLES.add(sample(tmp, "dict-base", 200, 4, WriterOptions.defaults().withCodec(CodecId.ZSTD_DICTIONARY)
        .withDictionaryBytes(2048)));
  }

  private static byte[] body(Random rnd, int i) {
    byte[] b = new byte[rnd.nextInt(300)];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) (i % 2 == 0 ? "updated container ".charAt(k % 18) : rnd.nextInt());
    }
    return b;
  }

  private static Sample sample(Path tmp, String name, int n, int commits, WriterOptions o) throws IOException {
    Path out = tmp.resolve(name + ".des");
    TreeMap<String, byte[]> files = new TreeMap<>();
    Random rnd = new Random(name.hashCode());
    try (DesWriter w = DesWriter.create(out, o)) {
      for (int i = 0; i < n; i++) {
        String p = "d" + (i % 4) + "/f" + i + ".txt";
        byte[] b = body(rnd, i);
        files.put(p, b);
        w.addFile(p, b, i % 3 == 0 ? DesWriter.meta(Map.of("i", i)) : null);
      }
    }
    try (DesUpdater u = DesUpdater.open(out)) {
      for (int c = 0; c < commits; c++) {
        int adds = name.equals("paged-delta") ? 3000 : 5;
        for (int i = 0; i < adds; i++) {
          String p = "n" + c + "/" + "x".repeat(i % 40) + i;
          byte[] b = body(rnd, i);
          files.put(p, b);
          u.put(p, b, i % 4 == 0 ? DesWriter.meta(Map.of("c", c)) : null, null);
        }
        String victim = "d" + (c % 4) + "/f" + (c % n) + ".txt";
        if (files.remove(victim) != null) {
          u.delete(victim);
        }
        String moved = "d" + ((c + 1) % 4) + "/f" + ((c * 7 + 1) % n) + ".txt";
        if (files.containsKey(moved)) {
          files.put("m/" + c, files.remove(moved));
          u.rename(moved, "m/" + c, false);
        }
        u.commit();
      }
    }
    return new Sample(name, Files.readAllBytes(out), files);
  }

  static CommitState state(Sample s) throws IOException {
    return CommitState.locate(RangeSources.memory(s.name(), s.bytes()), ReaderOptions.defaults(), false);
  }

  static void exercise(Sample s, byte[] mutated, String what) {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (DesReader r = DesReader.open(RangeSources.memory(s.name(), mutated),
          ReaderOptions.defaults().withPageCacheBytes(1 << 20))) {
        for (Map.Entry<String, byte[]> f : s.files().entrySet()) {
          try {
            assertThat(r.getFile(f.getKey())).as(what + " " + f.getKey()).isEqualTo(f.getValue());
            try (InputStream in = r.openStream(f.getKey())) {
              assertThat(in.readAllBytes()).as(what).isEqualTo(f.getValue());
            }
            r.getMeta(f.getKey());
          } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
              | io.easystore.LimitExceededException expected) {
            assertThat(expected.getMessage()).as(what).startsWith(s.name()).contains("@ offset");
          }
        }
        try (Stream<IndexEntry> all = r.entries()) {
          all.count();
        } catch (UncheckedIOException e) {
          assertThat(e.getCause()).as(what).isInstanceOfAny(CorruptContainerException.class,
              io.easystore.UnsupportedVersionException.class, io.easystore.LimitExceededException.class);
        }
        r.stats();
        r.verify();
      } catch (CorruptContainerException expected) {
        assertThat(expected.getMessage()).as(what).startsWith(s.name());
        assertThat(expected.offset()).as(what + ": " + expected.getMessage()).isGreaterThanOrEqualTo(0);
      } catch (io.easystore.UnsupportedVersionException | io.easystore.LimitExceededException notDamage) {
        // Typed, and not corruption: a flipped version byte or an inflated count.
        assertThat(notDamage.getMessage()).as(what).startsWith(s.name());
      } catch (UncheckedIOException e) {
        assertThat(e.getCause()).as(what).isInstanceOfAny(CorruptContainerException.class,
            io.easystore.UnsupportedVersionException.class, io.easystore.LimitExceededException.class);
      }
    }, what);
  }

  /** An updater on a damaged local copy refuses with an IOException or keeps working. */
  static void exerciseUpdater(Path tmp, byte[] mutated, String what) throws IOException {
    Path c = tmp.resolve("u.des");
    Files.write(c, mutated);
    Files.deleteIfExists(tmp.resolve("u.des.lock"));
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("probe", new byte[] {1, 2, 3}, null, null);
      u.commit();
    } catch (IOException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    }
  }

  static Stream<Arguments> samplesAndSeeds() {
    List<Arguments> a = new ArrayList<>();
    for (int i = 0; i < SAMPLES_COUNT; i++) {
      a.add(Arguments.of(i, 7000L + i));
    }
    return a.stream();
  }

  static final int SAMPLES_COUNT = 3;

  /** Regions of the sample: header, base, each segment, commit block, commit footer. */
  static List<long[]> regions(Sample s) throws IOException {
    CommitState st = state(s);
    List<long[]> r = new ArrayList<>();
    r.add(new long[] {0, 32});
    r.add(new long[] {32, st.baseEnd()});
    for (int i = 0; i < st.deltaCount(); i++) {
      r.add(new long[] {st.deltaStart(i), st.deltaEnd(i)});
    }
    r.add(new long[] {st.recordStart(), st.committedEnd() - 72});
    r.add(new long[] {st.committedEnd() - 72, st.committedEnd()});
    return r;
  }

  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void truncationAnywhere(int sample, long seed, @TempDir Path tmp) throws IOException {
    Sample s = SAMPLES.get(sample);
    Random rnd = new Random(seed);
    List<Integer> cuts = new ArrayList<>();
    for (long[] reg : regions(s)) {
      cuts.add((int) reg[0]);
      cuts.add((int) reg[1] - 1);
    }
    for (int i = 0; i < 25; i++) {
      cuts.add(rnd.nextInt(s.bytes().length));
    }
    List<Long> earlier = new ArrayList<>();
    // Earlier records stay intact until their space is reused: follow the chain while it parses.
    for (CommitRecord r = state(s).record(); r != null; ) {
      earlier.add(r.prevEnd());
      cuts.add((int) r.prevEnd());
      try {
        r = CommitState.locate(RangeSources.memory(s.name(), Arrays.copyOf(s.bytes(), (int) r.prevEnd())),
            ReaderOptions.defaults(), false).record();
      } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
          | io.easystore.LimitExceededException reused) {
        earlier.remove(earlier.size() - 1);
        r = null;
      }
    }
    for (int cut : cuts) {
      if (cut < 0 || cut >= s.bytes().length) {
        continue;
      }
      byte[] m = Arrays.copyOf(s.bytes(), cut);
      if (earlier.contains((long) cut)) {
        // Cut exactly at an earlier commit's end: that earlier state, complete and consistent.
        try (DesReader r = DesReader.open(RangeSources.memory(s.name(), m), ReaderOptions.defaults())) {
          assertThat(r.verify().problems()).as("earlier commit ending at " + cut).isEmpty();
        }
      } else {
        exercise(s, m, "truncated to " + cut + " (seed " + seed + ")");
      }
    }
    exerciseUpdater(tmp, Arrays.copyOf(s.bytes(), s.bytes().length - 1), "truncated by one");
  }

  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void singleBitFlipsInEveryRegion(int sample, long seed, @TempDir Path tmp) throws IOException {
    Sample s = SAMPLES.get(sample);
    Random rnd = new Random(seed);
    for (long[] reg : regions(s)) {
      for (int i = 0; i < 20; i++) {
        int pos = (int) (reg[0] + rnd.nextInt((int) (reg[1] - reg[0])));
        byte[] m = s.bytes().clone();
        m[pos] ^= (byte) (1 << rnd.nextInt(8));
        String what = "bit flipped in byte " + pos + " (seed " + seed + ")";
        exercise(s, m, what);
        if (i % 5 == 0) {
          exerciseUpdater(tmp, m, what);
        }
      }
    }
  }

  /** Rewrites one commit footer field or one byte of the commit block and recomputes the record CRC. */
  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void commitRecordRewritesWithValidCrc(int sample, long seed, @TempDir Path tmp) throws IOException {
    Sample s = SAMPLES.get(sample);
    CommitState st = state(s);
    Random rnd = new Random(seed);
    int end = s.bytes().length;
    int footer = end - 72;
    int block = (int) st.recordStart();
    int[][] fields = {{9, 1}, {10, 2}, {12, 4}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}, {64, 4}};
    long[] values = {0, 1, 2, 31, 32, 33, 72, 4096, st.baseEnd(), st.baseEnd() - 1, st.recordStart(), end, end + 1L,
        -1, Long.MAX_VALUE, 1L << 40};
    for (int k = 0; k < 60; k++) {
      byte[] m = s.bytes().clone();
      String what;
      if (k % 3 == 0) {
        int p = block + rnd.nextInt(footer - block);
        m[p] = (byte) (rnd.nextBoolean() ? rnd.nextInt() : m[p] + rnd.nextInt(5) - 2);
        what = "commit block byte " + p + " rewritten";
      } else {
        int[] f = fields[rnd.nextInt(fields.length)];
        long v = rnd.nextBoolean() ? values[rnd.nextInt(values.length)] : rnd.nextLong() >>> rnd.nextInt(64);
        for (int b = 0; b < f[1]; b++) {
          m[footer + f[0] + b] = (byte) (v >>> (8 * b));
        }
        what = "commit footer field @" + f[0] + " = " + v;
      }
      int blockLength = ByteCursor.getLe32(m, footer + 12);
      if (blockLength >= 0 && blockLength <= footer) {
        ByteBuilder.putLe32(m, footer + 68, Checksums.crc32c(m, footer - blockLength, blockLength, m, footer, 68));
      }
      exercise(s, m, what + " (seed " + seed + ")");
      if (k % 6 == 0) {
        exerciseUpdater(tmp, m, what);
      }
    }
  }

  /** Rewrites one field of a delta segment's footer and recomputes the segment CRC. */
  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void segmentFooterRewritesWithValidCrc(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    CommitState st = state(s);
    Random rnd = new Random(seed);
    int[][] fields = {{8, 1}, {9, 1}, {10, 1}, {11, 1}, {12, 4}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}};
    for (int k = 0; k < 40 && st.deltaCount() > 0; k++) {
      int seg = rnd.nextInt(st.deltaCount());
      int footer = (int) st.deltaEnd(seg) - 72;
      byte[] m = s.bytes().clone();
      int[] f = fields[rnd.nextInt(fields.length)];
      long v = rnd.nextBoolean() ? ByteCursor.getLe64(m, footer + 16) + rnd.nextInt(9) - 4
          : rnd.nextLong() >>> rnd.nextInt(64);
      for (int b = 0; b < f[1]; b++) {
        m[footer + f[0] + b] = (byte) (v >>> (8 * b));
      }
      long rootLength = ByteCursor.getLe32(m, footer + 12) & 0xFFFFFFFFL;
      if (rootLength <= footer) {
        byte[] asV2 = Arrays.copyOfRange(m, footer, footer + 72);
        System.arraycopy("DESFOOT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, asV2, 0, 8);
        int crc = Checksums.crc32c(m, footer - (int) rootLength, (int) rootLength, asV2, 0, 68);
        ByteBuilder.putLe32(m, footer + 68, crc);
      }
      exercise(s, m, "segment " + seg + " footer field @" + f[0] + " = " + v + " (seed " + seed + ")");
    }
  }
}
