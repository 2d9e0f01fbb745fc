package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.easystore.ChecksumKind;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v2.V2Footer;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded corruption of v2 containers: truncation at every region boundary and at random points,
 * single bit flips in every region, and single-field rewrites whose checksums are recomputed so
 * that the structural checks behind them are reached. Every read must give the original bytes or
 * a {@link CorruptContainerException}; nothing else, no hang. Replay a failure from its seed.
 */
class V2CorruptionTest {
  /** A sample container and what it holds. */
  record Sample(String name, byte[] bytes, Map<String, byte[]> files) {}

  static final List<Sample> SAMPLES = new ArrayList<>();

  @BeforeAll
  static void samples(@TempDir Path tmp) throws IOException {
    SAMPLES.add(sample(tmp, "root-leaf", 60, "", WriterOptions.defaults()));
    SAMPLES.add(sample(tmp, "paged", 2500, "deep/" + "p".repeat(120) + "/", WriterOptions.defaults()
        .withCodec(CodecId.NONE).withChecksum(ChecksumKind.XXHASH64)));
    SAMPLES.add(sample(tmp, "dict", 300, "t/", WriterOptions.defaults().withCodec(CodecId.ZSTD_DICTIONARY)
        .withDictionaryBytes(2048)));
  }

  private static Sample sample(Path tmp, String name, int n, String prefix, WriterOptions o) throws IOException {
    Path out = tmp.resolve(name + ".des");
    Map<String, byte[]> files = new LinkedHashMap<>();
    Random rnd = new Random(name.hashCode());
    try (DesWriter w = DesWriter.create(out, o)) {
      for (int i = 0; i < n; i++) {
        String p = prefix + "d" + (i % 5) + "/f" + i + (i % 2 == 0 ? ".txt" : ".bin");
        byte[] b = new byte[rnd.nextInt(400)];
        if (i % 2 == 0) {
          for (int k = 0; k < b.length; k++) {
            b[k] = (byte) ("hello corrupt world " + (i % 7)).charAt(k % 21);
          }
        } else {
          rnd.nextBytes(b);
        }
        files.put(p, b);
        w.addFile(p, b, i % 3 == 0 ? DesWriter.meta(Map.of("i", i)) : null);
      }
    }
    return new Sample(name, Files.readAllBytes(out), files);
  }

  /** Reads everything; fails the test on any outcome but correct data or a typed error. */
  static void exercise(Sample s, byte[] mutated, String what) {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (DesReader r = DesReader.open(RangeSources.memory(s.name(), mutated),
          ReaderOptions.defaults().withPageCacheBytes(1 << 20))) {
        for (Map.Entry<String, byte[]> f : s.files().entrySet()) {
          readOne(r, f.getKey(), f.getValue(), what);
        }
        walk(r, "", 0);
        try (Stream<IndexEntry> all = r.entries()) {
          all.count();
        }
        r.stats();
      } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
          | io.easystore.LimitExceededException expected) {
        assertThat(expected.getMessage()).as(what).startsWith(s.name());
      } catch (UncheckedIOException e) {
        assertThat(e.getCause()).as(what).isInstanceOfAny(CorruptContainerException.class,
            io.easystore.UnsupportedVersionException.class, io.easystore.LimitExceededException.class);
      }
    }, what);
  }

  private static void readOne(DesReader r, String path, byte[] body, String what) throws IOException {
    try {
      assertThat(r.getFile(path)).as(what + " " + path).isEqualTo(body);
      try (InputStream in = r.openStream(path)) {
        assertThat(in.readAllBytes()).as(what).isEqualTo(body);
      }
      r.getMeta(path);
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
        | io.easystore.LimitExceededException expected) {
      assertThat(expected.getMessage()).as(what).contains("@ offset");
    }
  }

  private static void walk(DesReader r, String dir, int depth) throws IOException {
    try {
      for (IndexEntry e : r.list(dir)) {
        if (e.isDirectory() && depth < 8) {
          walk(r, e.name(), depth + 1);
        }
      }
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
        | io.easystore.LimitExceededException expected) {
      // typed: fine
    }
  }

  static Stream<Arguments> samplesAndSeeds() {
    List<Arguments> a = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      a.add(Arguments.of(i, 1000L + i));
    }
    return a.stream();
  }

  private static V2Footer footer(Sample s) throws IOException {
    return V2Footer.parse(s.name(), s.bytes(), s.bytes().length - V2Footer.SIZE, s.bytes().length);
  }

  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void truncationAtEveryBoundaryAndRandomPoints(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    V2Footer f = footer(s);
    long[] cuts = {0, 1, 31, 32, 33, f.metaStart() - 1, f.metaStart(), f.metaEnd(), f.indexStart(),
        f.indexStart() + 1, f.dictStart(), f.rootStart() - 1, f.rootStart(), f.rootStart() + 1,
        f.footerStart() - 1, f.footerStart(), f.footerStart() + 8, s.bytes().length - 1};
    Random rnd = new Random(seed);
    List<Long> all = new ArrayList<>();
    for (long c : cuts) {
      all.add(c);
    }
    for (int i = 0; i < 30; i++) {
      all.add((long) rnd.nextInt(s.bytes().length));
    }
    for (long cut : all) {
      if (cut < 0 || cut >= s.bytes().length) {
        continue;
      }
      byte[] m = java.util.Arrays.copyOf(s.bytes(), (int) cut);
      exercise(s, m, "truncated to " + cut + " (seed " + seed + ")");
    }
  }

  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void singleBitFlipsInEveryRegion(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    V2Footer f = footer(s);
    Random rnd = new Random(seed);
    long[][] regions = {{0, 32}, {32, f.metaStart()}, {f.metaStart(), f.metaEnd()}, {f.indexStart(), f.dictStart()},
        {f.dictStart(), f.rootStart()}, {f.rootStart(), f.footerStart()}, {f.footerStart(), s.bytes().length}};
    for (long[] region : regions) {
      if (region[1] <= region[0]) {
        continue;
      }
      for (int i = 0; i < 25; i++) {
        int pos = (int) (region[0] + rnd.nextInt((int) (region[1] - region[0])));
        int bit = rnd.nextInt(8);
        byte[] m = s.bytes().clone();
        m[pos] ^= (byte) (1 << bit);
        exercise(s, m, "bit " + bit + " of byte " + pos + " flipped (seed " + seed + ")");
      }
    }
  }

  /** Rewrites one footer field and recomputes the footer CRC, so validation, not the CRC, must catch it. */
  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void footerFieldRewritesWithValidCrc(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    V2Footer f = footer(s);
    Random rnd = new Random(seed);
    int at = s.bytes().length - V2Footer.SIZE;
    int[][] fields = {{9, 1}, {10, 1}, {11, 1}, {12, 4}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}, {64, 4}};
    long[] values = {0, 1, 2, 11, 12, 16, 17, 255, 32, 4096, f.rootLength() - 1L, f.rootLength() + 1L,
        s.bytes().length, s.bytes().length + 1L, -1, Long.MAX_VALUE, 1L << 40};
    for (int[] field : fields) {
      for (int k = 0; k < 6; k++) {
        long v = rnd.nextBoolean() ? values[rnd.nextInt(values.length)] : rnd.nextLong() >>> rnd.nextInt(64);
        byte[] m = s.bytes().clone();
        for (int b = 0; b < field[1]; b++) {
          m[at + field[0] + b] = (byte) (v >>> (8 * b));
        }
        fixFooterCrc(m, f.rootLength());
        exercise(s, m, "footer field @" + field[0] + " = " + v + " (seed " + seed + ")");
      }
    }
  }

  /** Rewrites one index page header field (or restart offset) and recomputes that page's CRC. */
  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void pageFieldRewritesWithValidCrc(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    V2Footer f = footer(s);
    Random rnd = new Random(seed);
    List<Integer> nodes = new ArrayList<>();
    for (long p = f.indexStart(); p < f.dictStart(); p += f.pageSize()) {
      if (s.bytes()[(int) p] == 'L' || s.bytes()[(int) p] == 'I') {
        nodes.add((int) p);
      }
    }
    int rootNode = rootNodeOffset(s, f);
    nodes.add(rootNode);
    for (int i = 0; i < 40; i++) {
      int node = nodes.get(rnd.nextInt(nodes.size()));
      byte[] m = s.bytes().clone();
      int count = ByteCursor.getLe32(m, node + 4);
      int[] offsets = {1, 2, 3, 4, 8, 16 + 4 * rnd.nextInt(Math.max(1, (count + 15) / 16))};
      int field = offsets[rnd.nextInt(offsets.length)];
      int width = field >= 4 ? 4 : 1;
      long v = rnd.nextInt(4) == 0 ? rnd.nextInt() : ByteCursor.getLe32(m, node + field) + rnd.nextInt(7) - 3;
      for (int b = 0; b < width; b++) {
        m[node + field + b] = (byte) (v >>> (8 * b));
      }
      int length = Math.max(16, Math.min(ByteCursor.getLe32(m, node + 8), m.length - node));
      io.easystore.internal.bytes.ByteBuilder.putLe32(m, node + 12, Checksums.crc32c(m, node, 12, m, node + 16, length - 16));
      if (node == rootNode) {
        fixFooterCrc(m, f.rootLength());
      }
      exercise(s, m, "node @" + node + " field +" + field + " = " + v + " (seed " + seed + ")");
    }
  }

  private static int rootNodeOffset(Sample s, V2Footer f) {
    int p = (int) f.rootStart();
    for (int v = 0; v < 5; v++) {
      while ((s.bytes()[p] & 0x80) != 0) {
        p++;
      }
      p++;
    }
    int dicts = s.bytes()[p++];
    for (int d = 0; d < dicts; d++) {
      for (int v = 0; v < 2; v++) {
        while ((s.bytes()[p] & 0x80) != 0) {
          p++;
        }
        p++;
      }
      p += 4;
    }
    return p;
  }

  private static void fixFooterCrc(byte[] m, int rootLength) {
    int at = m.length - V2Footer.SIZE;
    int root = at - rootLength;
    io.easystore.internal.bytes.ByteBuilder.putLe32(m, at + 68, Checksums.crc32c(m, root, rootLength, m, at, 68));
  }

  /** Edge values of every node header field, with the node's CRC (and the footer's) recomputed. */
  @ParameterizedTest
  @MethodSource("samplesAndSeeds")
  void nodeHeaderEdgeValuesWithValidCrc(int sample, long seed) throws IOException {
    Sample s = SAMPLES.get(sample);
    V2Footer f = footer(s);
    int[] nodes = {rootNodeOffset(s, f), (int) f.indexStart()};
    long[] values = {0, 1, 2, 15, 16, 17, 255, 4095, 4096, 65_536, -1, Integer.MAX_VALUE};
    for (int node : nodes) {
      if (node >= f.dictStart() && node != nodes[0]) {
        continue;
      }
      for (int field : new int[] {2, 3, 4, 8, 16}) {
        for (long v : values) {
          byte[] m = s.bytes().clone();
          int width = field >= 4 ? 4 : 1;
          for (int b = 0; b < width; b++) {
            m[node + field + b] = (byte) (v >>> (8 * b));
          }
          int length = Math.max(16, Math.min(ByteCursor.getLe32(m, node + 8), m.length - node));
          io.easystore.internal.bytes.ByteBuilder.putLe32(m, node + 12,
              Checksums.crc32c(m, node, 12, m, node + 16, length - 16));
          if (node == nodes[0]) {
            fixFooterCrc(m, f.rootLength());
          }
          exercise(s, m, "node @" + node + " field +" + field + " = " + v);
        }
      }
    }
  }

  @Test
  void verifyReportsEveryBodyBitFlip() throws IOException {
    for (Sample s : SAMPLES) {
      V2Footer f = footer(s);
      Random rnd = new Random(s.name().hashCode());
      for (int i = 0; i < 15; i++) {
        byte[] m = s.bytes().clone();
        int pos = 32 + rnd.nextInt((int) (f.metaStart() - 32));
        m[pos] ^= (byte) (1 << rnd.nextInt(8));
        try (DesReader r = DesReader.open(RangeSources.memory(s.name(), m), ReaderOptions.defaults())) {
          VerifyReport v = r.verify();
          assertThat(v.problems()).as("%s: flip at %d", s.name(), pos).isNotEmpty();
          assertThat(v.problems().get(0)).contains(s.name()).contains("@ offset").contains("entry '");
        }
      }
      try (DesReader r = DesReader.open(RangeSources.memory(s.name(), s.bytes()), ReaderOptions.defaults())) {
        assertThat(r.verify().problems()).isEmpty();
      }
    }
  }

  @Test
  void readsWithoutVerificationStillRefuseCorruptCompressedBodies() throws IOException {
    Sample s = SAMPLES.get(2);
    V2Footer f = footer(s);
    byte[] m = s.bytes().clone();
    for (int pos = 40; pos < f.metaStart(); pos += 97) {
      m[pos] ^= 0x5a;
    }
    try (DesReader r = DesReader.open(RangeSources.memory(s.name(), m),
        ReaderOptions.defaults().withVerifyOnRead(false))) {
      for (Map.Entry<String, byte[]> e : s.files().entrySet()) {
        try {
          r.getFile(e.getKey());
        } catch (CorruptContainerException expected) {
          assertThat(expected.entry()).isEqualTo(e.getKey());
        }
      }
    }
  }
}
