package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.LimitExceededException;
import io.easystore.UnsupportedVersionException;
import io.easystore.io.RangeSources;
import io.easystore.testing.Fixtures;
import io.easystore.testing.HostileInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded damage to v1 containers: truncation at every region boundary, bit flips, and single
 * footer and index fields rewritten to hostile values. Each case prints its seed in failures, so
 * {@code -Dtest=V1CorruptionTest#...} with that seed replays it.
 */
class V1CorruptionTest {
  static final String[] FOOTER_FIELDS = {"data_start", "data_length", "meta_start", "meta_length",
      "index_start", "index_length", "file_count"};
  static final List<byte[]> SAMPLES = new ArrayList<>();

  @BeforeAll
  static void samples(@TempDir Path tmp) throws IOException {
    SAMPLES.add(Files.readAllBytes(Fixtures.file("v1-basic.des")));
    SAMPLES.add(Files.readAllBytes(Fixtures.file("v1-unicode.des")));
    SAMPLES.add(Files.readAllBytes(Fixtures.file("v1-empty.des")));
    Path own = tmp.resolve("own.des");
    Random rnd = new Random(7);
    try (DesWriter w = DesWriter.create(own, io.easystore.WriterOptions.v1())) {
      for (int i = 0; i < 40; i++) {
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        w.addFile("entry-" + i + "-é", b, DesWriter.meta(Map.of("i", i)));
      }
    }
    SAMPLES.add(Files.readAllBytes(own));
  }

  static long[] footer(byte[] c) {
    ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    long[] v = new long[7];
    for (int i = 0; i < 7; i++) {
      v[i] = b.getLong(c.length - 72 + 16 + 8 * i);
    }
    return v;
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void truncationAtEveryRegionBoundaryIsATypedError(long seed) {
    byte[] c = SAMPLES.get((int) (seed % SAMPLES.size()));
    long[] f = footer(c);
    long[] cuts = {0, 1, 15, 16, f[0] + f[1], f[2] + f[3], f[4], f[4] + f[5], c.length - 72,
        c.length - 1, new Random(seed).nextInt(c.length)};
    for (long cut : cuts) {
      if (cut >= c.length || cut < 0) {
        continue;
      }
      byte[] t = java.util.Arrays.copyOf(c, (int) cut);
      String replay = "seed " + seed + " truncate to " + cut;
      assertThat(HostileInput.exercise("trunc.des", t, replay)).as(replay).doesNotStartWith("opened");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void bitFlipsGiveCorrectDataOrATypedError(long seed) {
    Random rnd = new Random(seed);
    byte[] c = SAMPLES.get(rnd.nextInt(SAMPLES.size())).clone();
    int flips = 1 + rnd.nextInt(3);
    StringBuilder replay = new StringBuilder("seed " + seed + " flips");
    for (int i = 0; i < flips; i++) {
      // Half the flips land in the index and footer, where they matter most.
      int pos = rnd.nextBoolean() ? rnd.nextInt(c.length) : c.length - 1 - rnd.nextInt(Math.min(c.length, 400));
      int bit = rnd.nextInt(8);
      c[pos] ^= (byte) (1 << bit);
      replay.append(' ').append(pos).append(':').append(bit);
    }
    HostileInput.exercise("flip.des", c, replay.toString());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hostileFooterFieldsAreRefusedAtOpen(long seed) {
    Random rnd = new Random(seed);
    byte[] c = SAMPLES.get(rnd.nextInt(SAMPLES.size())).clone();
    int field = rnd.nextInt(7);
    long[] hostile = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, c.length, c.length - 71, 1L << 32, 15, 0,
        rnd.nextLong(), c.length + rnd.nextInt(1000)};
    long value = hostile[rnd.nextInt(hostile.length)];
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(c.length - 72 + 16 + 8 * field, value);
    String replay = "seed " + seed + " " + FOOTER_FIELDS[field] + "=" + value;
    HostileInput.exercise("field.des", c, replay);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hostileIndexFieldsAreRefused(long seed) {
    Random rnd = new Random(seed);
    byte[] c = SAMPLES.get(3).clone();
    long[] f = footer(c);
    ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    // Walk to a random entry, then rewrite one of its fields.
    int entry = rnd.nextInt((int) f[6]);
    int p = (int) f[4];
    for (int i = 0; i < entry; i++) {
      p += 2 + (b.getShort(p) & 0xffff) + 36;
    }
    int nameLen = b.getShort(p) & 0xffff;
    int fields = p + 2 + nameLen;
    int which = rnd.nextInt(6);
    String replay = "seed " + seed + " entry " + entry + " field " + which;
    switch (which) {
      case 0 -> b.putShort(p, (short) (rnd.nextBoolean() ? 0 : 0xFFFF));
      case 1 -> b.putLong(fields, rnd.nextBoolean() ? -1 : c.length + rnd.nextInt(100));
      case 2 -> b.putLong(fields + 8, rnd.nextBoolean() ? Long.MAX_VALUE : f[1] + 1);
      case 3 -> b.putLong(fields + 16, rnd.nextBoolean() ? 0 : f[2] + f[3]);
      case 4 -> b.putLong(fields + 24, rnd.nextBoolean() ? -1 : f[3] + 1);
      default -> b.putInt(fields + 32, 1 << rnd.nextInt(32));
    }
    HostileInput.exercise("index.des", c, replay);
  }

  @Test
  void invalidUtf8NameNamesTheEntryOffset() throws IOException {
    byte[] c = SAMPLES.get(3).clone();
    long[] f = footer(c);
    c[(int) f[4] + 2] = (byte) 0xC3;
    c[(int) f[4] + 3] = (byte) 0x28;
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("utf8.des", c), HostileInput.SMALL_LIMITS))
        .isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("utf8.des @ offset " + (f[4] + 2))
        .hasMessageContaining("not valid UTF-8");
  }

  /** Regression for a fuzzer finding: zero bytes made Jackson guess UTF-32 and escape as CharConversionException. */
  @ParameterizedTest
  @ValueSource(strings = {"0000007b", "7b000000", "0000feff", "feff007b", "c328"})
  void metadataInAnotherEncodingIsCorruptNotAnEncodingGuess(String hexPrefix) throws IOException {
    byte[] c = SAMPLES.get(3).clone();
    long[] f = footer(c);
    byte[] prefix = java.util.HexFormat.of().parseHex(hexPrefix);
    System.arraycopy(prefix, 0, c, (int) f[2], prefix.length);
    try (DesReader r = DesReader.open(RangeSources.memory("enc.des", c), HostileInput.SMALL_LIMITS)) {
      String first = r.listFiles().get(0);
      assertThatThrownBy(() -> r.getMeta(first)).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("enc.des @ offset " + f[2]).hasMessageContaining(first);
    }
  }

  @Test
  void absurdCountIsALimitNotAnAllocation() {
    byte[] c = SAMPLES.get(3).clone();
    long[] f = footer(c);
    assertThat(f[6]).isLessThan(HostileInput.SMALL_LIMITS.maxEntries());
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("few.des", c),
        HostileInput.SMALL_LIMITS.withMaxEntries(3)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("withMaxEntries");
  }

  @ParameterizedTest
  // Versions 2 and 3 are now supported (DES v2, plain and encrypted): a v1 body under such a footer is
  // corrupt, not too new.
  @ValueSource(ints = {0, 4, 255})
  void otherVersionsGiveDistinctTooOldAndTooNewErrors(int version) {
    byte[] c = SAMPLES.get(0).clone();
    c[c.length - 72 + 8] = (byte) version;
    Class<?> expected = version == 0 ? UnsupportedVersionException.TooOld.class
        : UnsupportedVersionException.TooNew.class;
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("v.des", c), HostileInput.SMALL_LIMITS))
        .isInstanceOf(expected).hasMessageContaining("Unsupported DES version " + version);
  }

  @Test
  void wrongHeaderMagicIsFoundByVerify() throws IOException {
    byte[] c = SAMPLES.get(0).clone();
    c[0] = 'X';
    try (DesReader r = DesReader.open(RangeSources.memory("head.des", c), HostileInput.SMALL_LIMITS)) {
      assertThatThrownBy(r::verify).isInstanceOf(CorruptContainerException.class)
          .hasMessageContaining("head.des @ offset 0").hasMessageContaining("header magic");
    }
  }

  @Test
  void regionsThatOverlapAreRefused() {
    byte[] c = SAMPLES.get(0).clone();
    long[] f = footer(c);
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(c.length - 72 + 16 + 16, f[2] - 1);
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("overlap.des", c), HostileInput.SMALL_LIMITS))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("before the data region ends");
  }
}
