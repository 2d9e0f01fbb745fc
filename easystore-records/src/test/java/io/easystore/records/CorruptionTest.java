package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.codec.CodecId;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded bit flips, truncations and field rewrites: typed exceptions or correct records only. */
class CorruptionTest {
  static final byte[] KEY = new byte[32];
  @TempDir static Path dir;
  static final Map<String, byte[]> originals = new HashMap<>();
  static final Map<String, Map<Bookmark, String>> expected = new HashMap<>();
  static final Map<String, List<Long>> pageOffsets = new HashMap<>();

  static ReaderOptions keyed() {
    return ReaderOptions.defaults().withKeys(KeyProviders.of("k1", KEY));
  }

  @BeforeAll
  static void build() throws Exception {
    for (String kind : List.of("none", "zstd", "sealed")) {
      WriterOptions o = TestArchives.options(kind.equals("none") ? CodecId.NONE : CodecId.ZSTD, 700);
      if (kind.equals("sealed")) {
        o = o.withEncryption("k1", KeyProviders.of("k1", KEY));
      }
      Path p = dir.resolve(kind + ".rec");
      List<String> recs = TestArchives.records(120, kind.hashCode());
      List<Bookmark> marks = TestArchives.write(p, o, recs);
      Map<Bookmark, String> m = new HashMap<>();
      for (int i = 0; i < recs.size(); i++) {
        m.put(marks.get(i), recs.get(i));
      }
      expected.put(kind, m);
      originals.put(kind, Files.readAllBytes(p));
      pageOffsets.put(kind, marks.stream().map(Bookmark::pageOffset).distinct().collect(Collectors.toList()));
    }
  }

  static Stream<Object[]> cases() {
    return Stream.of("none", "zstd", "sealed").flatMap(k -> LongStream.range(0, 60).mapToObj(s -> new Object[] {k, s}));
  }

  /** Applies one seeded mutation: bit flips, a truncation, or a header field rewrite with its CRC fixed. */
  static byte[] mutate(String kind, long seed) {
    Random r = new Random(seed * 31 + kind.hashCode());
    byte[] b = originals.get(kind).clone();
    List<Long> pages = pageOffsets.get(kind);
    switch ((int) (seed % 4)) {
      case 0: {
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1:
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
      default: {
        int page = (int) (long) pages.get(r.nextInt(pages.size()));
        int[] fields = {4, 5, 6, 7, 8, 16, 24, 28, 32, 40};
        int f = fields[r.nextInt(fields.length)];
        int width = f == 8 || f == 16 ? 8 : f >= 24 && f <= 32 ? 4 : 1;
        long[] evil = {0, 1, -1, Integer.MAX_VALUE, 0x7FFF_FFFF_FFFFL, r.nextLong(), 255, 65};
        long v = evil[r.nextInt(evil.length)];
        for (int i = 0; i < width; i++) {
          b[page + f + i] = (byte) (v >>> (8 * i));
        }
        int hostLen = b[page + 7] & 0xFF;
        int appLen = b[page + 40] & 0xFF;
        int len = 41 + hostLen + appLen;
        if (seed % 4 == 3 && page + len + 4 <= b.length) {
          ByteBuilder.putLe32(b, page + len, Format.crc(b, page, len));
        }
        return b;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void strictReadsGiveCorrectRecordsThenATypedError(String kind, long seed) throws Exception {
    byte[] bad = mutate(kind, seed);
    Map<Bookmark, String> exp = expected.get(kind);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("mut", bad), keyed())) {
      RecordCursor<String> c = r.cursor(RecordTypes.utf8());
      while (c.next()) {
        assertThat(c.current().value()).isEqualTo(exp.get(c.current().bookmark()));
      }
    } catch (CorruptContainerException | UnsupportedVersionException
        | io.easystore.LimitExceededException expectedTyped) {
      // A forged header (its CRC fixed) may claim a newer version or a size above the limit: typed, not damage.
      assertThat(expectedTyped.getMessage()).startsWith("mut");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void skippingReadsGiveOnlyCorrectRecordsEverywhere(String kind, long seed) throws Exception {
    byte[] bad = mutate(kind, seed);
    Map<Bookmark, String> exp = expected.get(kind);
    List<CorruptPageException> skipped = new ArrayList<>();
    ReaderOptions o = keyed().withSkipCorruptPages(true).withOnSkip(skipped::add);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("mut", bad), o)) {
      List<Entry<String>> seq = TestArchives.readAll(r);
      for (Entry<String> e : seq) {
        assertThat(e.value()).isEqualTo(exp.get(e.bookmark()));
      }
      List<Entry<String>> par = r.stream(RecordTypes.utf8()).parallel().collect(Collectors.toList());
      for (Entry<String> e : par) {
        assertThat(e.value()).isEqualTo(exp.get(e.bookmark()));
      }
      ArchiveStats s = r.stats();
      assertThat(s.records()).isLessThanOrEqualTo(exp.size());
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
        | io.easystore.LimitExceededException typed) {
      // Volume header damage, version or limit problems cannot be skipped.
      assertThat(typed.getMessage()).startsWith("mut");
    } catch (UncheckedIOException wrapped) {
      assertThat(wrapped.getCause()).isInstanceOf(CorruptContainerException.class);
    }
  }

  @Test
  void damageInTheMiddleIsSkippedToTheNextIntactPage() throws Exception {
    byte[] bad = originals.get("zstd").clone();
    List<Long> pages = pageOffsets.get("zstd");
    long victim = pages.get(pages.size() / 2);
    long next = pages.get(pages.size() / 2 + 1);
    bad[(int) victim + 60] ^= 0x10;
    try (RecordReader r = RecordArchives.open(RangeSources.memory("mid", bad), ReaderOptions.defaults())) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(CorruptPageException.class)
          .isNotInstanceOf(TornTailException.class)
          .hasMessageContaining("mid @ offset " + victim)
          .satisfies(e -> assertThat(((CorruptPageException) e).nextValidPage()).isEqualTo(next));
    }
    List<CorruptPageException> skipped = new ArrayList<>();
    try (RecordReader r = RecordArchives.open(RangeSources.memory("mid", bad),
        ReaderOptions.defaults().withSkipCorruptPages(true).withOnSkip(skipped::add))) {
      List<Entry<String>> got = TestArchives.readAll(r);
      long lost = expected.get("zstd").keySet().stream().filter(b -> b.pageOffset() == victim).count();
      assertThat(got).hasSize(expected.get("zstd").size() - (int) lost);
      assertThat(got).noneMatch(e -> e.bookmark().pageOffset() == victim);
      assertThat(skipped).singleElement().satisfies(e -> assertThat(e.pageOffset()).isEqualTo(victim));
    }
  }

  @Test
  void hugeLengthsAreRejectedBeforeAllocation() throws Exception {
    byte[] bad = originals.get("none").clone();
    int page = (int) (long) pageOffsets.get("none").get(0);
    ByteBuilder.putLe32(bad, page + 32, Integer.MAX_VALUE);
    ByteBuilder.putLe32(bad, page + 28, Integer.MAX_VALUE);
    int len = 41 + (bad[page + 7] & 0xFF) + (bad[page + 40] & 0xFF);
    ByteBuilder.putLe32(bad, page + len, Format.crc(bad, page, len));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("huge", bad), ReaderOptions.defaults())) {
      // A length above the reader's page size limit is a limit (the message says how to raise it).
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(io.easystore.LimitExceededException.class)
          .hasMessageContaining("huge @ offset " + page).hasMessageContaining("withMaxPageSize");
    }
    byte[] meta = originals.get("none").clone();
    ByteBuilder.putLe32(meta, 12, Integer.MAX_VALUE);
    assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("m", meta), ReaderOptions.defaults()))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("metadata length");
  }

  @Test
  void newerAndOlderVersionsGiveDistinctErrors() throws Exception {
    byte[] newer = originals.get("none").clone();
    ByteBuilder.putLe16(newer, 8, Format.MAX_VERSION + 1);
    assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("v", newer), ReaderOptions.defaults()))
        .isInstanceOf(UnsupportedVersionException.TooNew.class);
    byte[] older = originals.get("none").clone();
    ByteBuilder.putLe16(older, 8, 0);
    assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("v", older), ReaderOptions.defaults()))
        .isInstanceOf(UnsupportedVersionException.TooOld.class);
    byte[] page = originals.get("none").clone();
    int p = (int) (long) pageOffsets.get("none").get(1);
    page[p + 4] = (byte) (Format.MAX_VERSION + 1);
    int len = 41 + (page[p + 7] & 0xFF) + (page[p + 40] & 0xFF);
    ByteBuilder.putLe32(page, p + len, Format.crc(page, p, len));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("v", page),
        ReaderOptions.defaults().withSkipCorruptPages(true))) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(UnsupportedVersionException.TooNew.class)
          .hasMessageContaining("v @ offset " + (p + 4));
    }
  }

  @Test
  void sealedPagesDetectTamperingEvenWithFixedChecksums() throws Exception {
    byte[] bad = originals.get("sealed").clone();
    int p = (int) (long) pageOffsets.get("sealed").get(2);
    int len = 41 + (bad[p + 7] & 0xFF) + (bad[p + 40] & 0xFF);
    int stored = ByteCursor.getLe32(bad, p + 32);
    bad[p + len + 4 + 20] ^= 1;
    ByteBuilder.putLe32(bad, p + 36, Format.crc(bad, p + len + 4, stored));
    ByteBuilder.putLe32(bad, p + len, Format.crc(bad, p, len));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("s", bad), keyed())) {
      // Checksums intact but the tag fails: indistinguishable from a page sealed elsewhere.
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(AuthenticationFailedException.class)
          .isInstanceOf(io.easystore.crypto.BlockMovedException.class).hasMessageStartingWith("s @ offset " + p);
    }
  }

  @Test
  void wrongAndMissingKeysAreKeyErrorsNotCorruption() throws Exception {
    byte[] sealed = originals.get("sealed");
    assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("s", sealed),
        ReaderOptions.defaults().withKeys(KeyProviders.of("k1", new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32}))))
        .isInstanceOf(KeyUnavailableException.class)
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.WRONG));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("s", sealed), ReaderOptions.defaults())) {
      assertThat(r.stats().records()).isEqualTo(expected.get("sealed").size());
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(KeyUnavailableException.class)
          .hasMessageContaining("key 'k1'");
    }
  }

  @Test
  void aPageCopiedToAnotherOffsetIsRejected() throws Exception {
    byte[] b = originals.get("none").clone();
    List<Long> pages = pageOffsets.get("none");
    int a = (int) (long) pages.get(1);
    int c = (int) (long) pages.get(2);
    // Overwrite page 2 with page 1's bytes (as far as they fit): the recorded offset is wrong.
    System.arraycopy(b, a, b, c, Math.min(c - a, b.length - c));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("moved", b), ReaderOptions.defaults())) {
      try {
        TestArchives.readAll(r);
        fail("a moved page must not read");
      } catch (CorruptPageException e) {
        assertThat(e.pageOffset()).isEqualTo(c);
      } catch (IOException e) {
        fail("untyped " + e);
      }
    }
  }
}
