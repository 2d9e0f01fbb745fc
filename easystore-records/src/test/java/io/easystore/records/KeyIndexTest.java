package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.codec.CodecId;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyIndexTest {
  @TempDir static Path dir;
  static Path archive;
  static Path index;
  static final Map<String, List<Bookmark>> truth = new TreeMap<>();
  static final int RECORDS = 40_000;

  /** Written alongside the archive from the bookmarks append returns; user keys skewed so some span blocks. */
  @BeforeAll
  static void build() throws Exception {
    archive = dir.resolve("orders.rec");
    index = dir.resolve("orders.user.rix");
    Random r = new Random(3);
    try (RecordWriter w = RecordArchives.create(archive, TestArchives.options(CodecId.ZSTD, 8192))) {
      KeyIndexWriter iw = null;
      for (int i = 0; i < RECORDS; i++) {
        String user = i % 10 == 0 ? "heavy" : "user-" + r.nextInt(5000);
        Bookmark b = w.appendJson(Map.of("id", i, "user", user));
        if (iw == null) {
          iw = KeyIndexes.writer(index, KeyType.STRING, "user", w.metadata(), w.name());
        }
        iw.add(user, b);
        truth.computeIfAbsent(user, k -> new ArrayList<>()).add(b);
      }
      iw.close();
    }
  }

  @Test
  void everyKeyFindsExactlyItsRecordsInBookmarkOrder() throws Exception {
    try (KeyIndex ki = KeyIndexes.open(index); RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      assertThat(ki.entries()).isEqualTo(RECORDS);
      assertThat(ki.keyType()).isEqualTo(KeyType.STRING);
      for (Map.Entry<String, List<Bookmark>> e : truth.entrySet()) {
        assertThat(ki.lookup(e.getKey())).as(e.getKey()).containsExactlyElementsOf(e.getValue());
      }
      assertThat(ki.lookup("heavy")).hasSize(RECORDS / 10);
      for (String absent : new String[] {"", "a", "user-", "user-99999", "zzz", "heavy0"}) {
        assertThat(ki.lookup(absent)).as(absent).isEmpty();
      }
      List<Entry<com.fasterxml.jackson.databind.JsonNode>> found = ki.find(r, "user-42", RecordTypes.jsonTree());
      assertThat(found).hasSize(truth.getOrDefault("user-42", List.of()).size());
      assertThat(found).allMatch(x -> x.value().path("user").asText().equals("user-42"));
    }
  }

  @Test
  void aLookupReadsAFewBlocksNotTheWholeIndex() throws Exception {
    long size = Files.size(index);
    AtomicLong bytes = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    try (RangeSource file = RangeSources.file(index);
        KeyIndex ki = KeyIndexes.open(counting(file, bytes, reads))) {
      bytes.set(0);
      reads.set(0);
      assertThat(ki.lookup("user-1234")).containsExactlyElementsOf(truth.getOrDefault("user-1234", List.of()));
      assertThat(reads.get()).isLessThanOrEqualTo(6);
      assertThat(bytes.get()).isLessThan(size / 20);
    }
  }

  @Test
  void longAndUuidKeysSortNumerically() throws Exception {
    Path p = dir.resolve("n.rix");
    ArchiveMetadata meta;
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      meta = r.metadata();
    }
    long[] keys = {Long.MIN_VALUE, -5, -1, 0, 1, 7, 1L << 40, Long.MAX_VALUE};
    try (KeyIndexWriter w = KeyIndexes.writer(p, KeyType.LONG, "n", meta, "x")) {
      for (int i = 0; i < keys.length; i++) {
        w.add(keys[keys.length - 1 - i], new Bookmark(16L * (i + 1), i));
      }
    }
    try (KeyIndex ki = KeyIndexes.open(p)) {
      for (int i = 0; i < keys.length; i++) {
        assertThat(ki.lookup(keys[keys.length - 1 - i])).containsExactly(new Bookmark(16L * (i + 1), i));
      }
      assertThat(ki.lookup("-5")).hasSize(1);
      assertThatThrownBy(() -> ki.lookup("five")).isInstanceOf(IllegalArgumentException.class);
    }
    Path u = dir.resolve("u.rix");
    UUID id = UUID.randomUUID();
    try (KeyIndexWriter w = KeyIndexes.writer(u, KeyType.UUID, "id", meta, "x")) {
      w.add(id, new Bookmark(32, 1));
      w.add(new UUID(-1, -1), new Bookmark(32, 2));
      assertThatThrownBy(() -> w.add("s", new Bookmark(0, 0))).isInstanceOf(IllegalArgumentException.class);
    }
    try (KeyIndex ki = KeyIndexes.open(u)) {
      assertThat(ki.lookup(id.toString())).containsExactly(new Bookmark(32, 1));
      assertThat(ki.lookup(new UUID(-1, -1).toString())).containsExactly(new Bookmark(32, 2));
    }
  }

  @Test
  void anIndexOfAnotherArchiveIsRefused() throws Exception {
    Path other = dir.resolve("other.rec");
    TestArchives.write(other, WriterOptions.defaults(), List.of("{\"user\":\"heavy\"}"));
    try (KeyIndex ki = KeyIndexes.open(index); RecordReader r = RecordArchives.open(other, ReaderOptions.defaults())) {
      assertThatThrownBy(() -> ki.find(r, "heavy", RecordTypes.utf8())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("belongs to archive");
    }
  }

  @Test
  void anEmptyIndexFindsNothing() throws Exception {
    Path p = dir.resolve("e.rix");
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      KeyIndexes.writer(p, KeyType.STRING, "k", r.metadata(), "x").close();
    }
    try (KeyIndex ki = KeyIndexes.open(p)) {
      assertThat(ki.entries()).isZero();
      assertThat(ki.lookup("anything")).isEmpty();
    }
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedIndexesGiveTypedErrorsOrCorrectAnswers(long seed) throws Exception {
    byte[] good = Files.readAllBytes(index);
    Random r = new Random(seed);
    byte[] bad = seed % 3 == 0 ? java.util.Arrays.copyOf(good, r.nextInt(good.length)) : good.clone();
    if (seed % 3 != 0) {
      for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
        // Aim half the flips at the footer and root, where lookups always go.
        int at = r.nextBoolean() ? good.length - 1 - r.nextInt(Math.min(good.length, 4096)) : r.nextInt(good.length);
        bad[at] ^= (byte) (1 << r.nextInt(8));
      }
    }
    List<String> keys = new ArrayList<>(truth.keySet());
    try (KeyIndex ki = KeyIndexes.open(RangeSources.memory("idx", bad))) {
      for (int i = 0; i < 30; i++) {
        String k = keys.get(r.nextInt(keys.size()));
        try {
          assertThat(ki.lookup(k)).containsExactlyElementsOf(truth.get(k));
        } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
            | io.easystore.LimitExceededException typed) {
          assertThat(typed.getMessage()).startsWith("idx");
        }
      }
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException
        | io.easystore.LimitExceededException typed) {
      assertThat(typed.getMessage()).startsWith("idx");
    }
  }

  static RangeSource counting(RangeSource d, AtomicLong bytes, AtomicLong reads) {
    return new RangeSource() {
      @Override
      public String name() {
        return d.name();
      }

      @Override
      public long size() throws IOException {
        return d.size();
      }

      @Override
      public int read(long position, ByteBuffer dst) throws IOException {
        reads.incrementAndGet();
        int n = d.read(position, dst);
        bytes.addAndGet(Math.max(n, 0));
        return n;
      }

      @Override
      public void close() {
      }
    };
  }
}
