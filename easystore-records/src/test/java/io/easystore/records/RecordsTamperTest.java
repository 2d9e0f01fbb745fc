package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flips every single bit of small archives, one at a time: opening, reading every record (strict,
 * tolerant and parallel), stats and {@link RecordArchives#check} together must notice each flip,
 * with a typed exception naming the archive or a reported problem, and never hand out a record
 * that differs from what was written.
 */
class RecordsTamperTest {
  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (7 * i + 3);
    }
  }

  @TempDir Path dir;

  private record Built(byte[] bytes, List<Entry<String>> records) {}

  private Built build(CodecId codec, boolean encrypted) throws IOException {
    Path p = dir.resolve(codec.label() + encrypted + ".rec");
    WriterOptions o = TestArchives.options(codec, 256);
    if (encrypted) {
      o = o.withEncryption("k1", KeyProviders.of("k1", KEY));
    }
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      recs.add(i % 5 == 4 ? "" : "{\"n\":" + i + ",\"text\":\"" + "record ".repeat(1 + i % 4) + i + "\"}");
    }
    List<Bookmark> marks = new ArrayList<>();
    try (RecordWriter w = RecordArchives.create(p, o)) {
      for (int i = 0; i < recs.size(); i++) {
        marks.add(w.append(recs.get(i)));
        if (i % 4 == 3) {
          w.flush();
        }
      }
    }
    List<Entry<String>> exp = new ArrayList<>();
    for (int i = 0; i < recs.size(); i++) {
      exp.add(new Entry<>(marks.get(i), recs.get(i)));
    }
    return new Built(Files.readAllBytes(p), exp);
  }

  @ParameterizedTest
  @CsvSource({"NONE,true", "DEFLATE,true", "ZSTD,true", "ZSTD,false"})
  void everySingleBitFlipIsDetected(CodecId codec, boolean encrypted) throws Exception {
    Built b = build(codec, encrypted);
    assertThat(b.records.stream().map(e -> e.bookmark().pageOffset()).distinct().count())
        .as("several pages").isGreaterThanOrEqualTo(3);
    Map<Bookmark, String> exp = new HashMap<>();
    b.records.forEach(e -> exp.put(e.bookmark(), e.value()));
    Map<String, Integer> how = new HashMap<>();
    for (int bit = 0; bit < b.bytes.length * 8; bit++) {
      byte[] t = b.bytes.clone();
      t[bit >>> 3] ^= (byte) (1 << (bit & 7));
      String name = "tamper-" + bit;
      String found = detect(name, t, b.records, exp);
      assertThat(found).as("flip of bit %d (byte %d) of %s/%s went unnoticed", bit, bit >>> 3, codec, encrypted)
          .isNotNull();
      how.merge(found, 1, Integer::sum);
    }
    assertThat(how).isNotEmpty();
  }

  /** Regression: padding after the volume header and after page payloads was not checked. */
  @ParameterizedTest
  @CsvSource({"true", "false"})
  void nonZeroPaddingIsCorrupt(boolean encrypted) throws Exception {
    Built b = build(CodecId.ZSTD, encrypted);
    long first = b.records.get(0).bookmark().pageOffset();
    int metaLen = ByteCursor.getLe32(b.bytes, 12);
    int volumeEnd = 20 + metaLen + (encrypted ? Format.VOLUME_SEAL : 0);
    if (volumeEnd < first) {
      byte[] t = b.bytes.clone();
      t[volumeEnd] = 1;
      assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("pad", t), ReaderOptions.defaults()))
          .isInstanceOf(io.easystore.CorruptContainerException.class).hasMessageContaining("padding");
    }
    int checked = 0;
    for (long page : b.records.stream().map(e -> e.bookmark().pageOffset()).distinct().toList()) {
      int p = (int) page;
      int end = p + Format.PAGE_HEADER_MIN + (b.bytes[p + 7] & 0xFF) + (b.bytes[p + 40] & 0xFF)
          + ByteCursor.getLe32(b.bytes, p + 32);
      if (end % Format.ALIGN == 0 || end >= b.bytes.length) {
        continue;
      }
      byte[] t = b.bytes.clone();
      t[end] = 0x20;
      RepairResult r;
      try {
        r = RecordArchives.check(RangeSources.memory("pad", t));
        assertThat(r.problem()).contains("padding");
      } catch (CorruptPageException e) {
        assertThat(e).hasMessageContaining("padding").hasMessageStartingWith("pad @ offset " + p);
      }
      checked++;
    }
    assertThat(checked).isPositive();
  }

  /** What noticed the damage (exception class or "stats"/"check"), or {@code null} if nothing did. */
  private static String detect(String name, byte[] t, List<Entry<String>> all, Map<Bookmark, String> exp)
      throws IOException {
    String found = null;
    ReaderOptions keyed = ReaderOptions.defaults().withKeys(KeyProviders.of("k1", KEY));
    RecordReader r;
    try {
      r = RecordArchives.open(RangeSources.memory(name, t), keyed);
    } catch (IOException e) {
      return typed(name, e);
    }
    try (r) {
      List<Entry<String>> got = new ArrayList<>();
      try {
        RecordCursor<String> c = r.cursor(RecordTypes.utf8());
        while (c.next()) {
          got.add(c.current());
        }
        assertThat(got).as("a strict read without error returns every record unchanged").isEqualTo(all);
      } catch (IOException e) {
        found = typed(name, e);
        assertSubsetOf(got, exp);
      }
      List<CorruptPageException> told = new ArrayList<>();
      RecordReader tol = RecordArchives.open(RangeSources.memory(name, t),
          keyed.withTolerateTornTail(true).withOnSkip(told::add));
      try (tol) {
        assertSubsetOf(TestArchives.readAll(tol), exp);
        if (!told.isEmpty() && found == null) {
          found = "tolerant onSkip";
        }
      } catch (IOException e) {
        found = found == null ? typed(name, e) : found;
      }
      try {
        assertSubsetOf(r.stream(RecordTypes.utf8()).parallel().collect(Collectors.toList()), exp);
      } catch (UncheckedIOException e) {
        found = found == null ? typed(name, e.getCause()) : found;
      } catch (IOException e) {
        found = found == null ? typed(name, e) : found;
      }
      try {
        ArchiveStats s = r.stats();
        if (found == null && (!s.damage().isEmpty() || s.tornTailBytes() > 0 || s.records() != all.size())) {
          found = "stats";
        }
      } catch (IOException e) {
        found = found == null ? typed(name, e) : found;
      }
    }
    try {
      RepairResult c = RecordArchives.check(RangeSources.memory(name, t));
      if (found == null && (c.tornBytes() > 0 || c.problem() != null || c.records() != all.size())) {
        found = "check";
      }
    } catch (IOException e) {
      found = found == null ? typed(name, e) : found;
    }
    return found;
  }

  private static String typed(String name, IOException e) {
    // A flipped bit in the volume header's version is reported as a version (checked before the CRC).
    assertThat(e).isInstanceOfAny(io.easystore.CorruptContainerException.class, KeyUnavailableException.class,
        io.easystore.UnsupportedVersionException.class, io.easystore.LimitExceededException.class);
    assertThat(e.getMessage()).as("names the archive").contains(name);
    return e.getClass().getSimpleName();
  }

  private static void assertSubsetOf(List<Entry<String>> got, Map<Bookmark, String> exp) {
    for (Entry<String> e : got) {
      assertThat(exp).as("only records that were written").containsEntry(e.bookmark(), e.value());
    }
  }
}
