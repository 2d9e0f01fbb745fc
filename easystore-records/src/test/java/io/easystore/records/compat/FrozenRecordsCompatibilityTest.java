package io.easystore.records.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.io.RangeSources;
import io.easystore.records.ArchiveStats;
import io.easystore.records.Bookmark;
import io.easystore.records.Entry;
import io.easystore.records.KeyIndex;
import io.easystore.records.KeyIndexes;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.RepairResult;
import io.easystore.records.TornTailException;
import io.easystore.records.WriterOptions;
import io.easystore.testing.FrozenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frozen record archive and {@code .rix} index (docs/COMPATIBILITY.md) reads with today's
 * code exactly as its manifest records, checks clean, and every archive takes one more append.
 * The frozen files are copied first; a missing file fails, nothing is skipped.
 */
class FrozenRecordsCompatibilityTest {
  /** Every frozen records directory; a new release's directory is added here, never replaces one. */
  static final List<String> DIRECTORIES = List.of("records-0.1.0");

  static final List<String> RECORDS_0_1_0 = List.of("plain-none.rec", "plain-deflate.rec", "plain-zstd.rec",
      "appended.rec", "encrypted-zstd.rec", "encrypted-none.rec", "empty.rec", "torn-tail.rec");
  static final List<String> INDEXES_0_1_0 = List.of("plain-zstd.rec.id.rix", "plain-zstd.rec.user.rix",
      "plain-zstd.rec.uuid.rix", "encrypted-zstd.rec.id.rix");

  @TempDir
  Path tmp;

  private final AtomicInteger copies = new AtomicInteger();

  @Test
  void everyFrozenRecordsDirectoryIsListedHere() throws IOException {
    try (Stream<Path> s = Files.list(FrozenFiles.dir(DIRECTORIES.get(0)).getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("records-")))
          .containsExactlyInAnyOrderElementsOf(DIRECTORIES);
    }
  }

  @Test
  void everyFrozenFileIsPresentAndUnchanged() throws IOException {
    for (String d : DIRECTORIES) {
      Path dir = FrozenFiles.dir(d);
      assertThat(FrozenFiles.fileTableProblems(dir, FrozenFiles.manifest(dir))).as(d).isEmpty();
    }
    JsonNode m = FrozenFiles.manifest(FrozenFiles.dir("records-0.1.0"));
    assertThat(m.path("archives").findValuesAsText("path")).containsExactlyInAnyOrderElementsOf(RECORDS_0_1_0);
    assertThat(m.path("indexes").findValuesAsText("path")).containsExactlyInAnyOrderElementsOf(INDEXES_0_1_0);
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenArchiveReadsAsItsManifestSaysAndTakesAnAppend() throws IOException {
    return items("archives").map(f -> DynamicTest.dynamicTest(f.dir() + "/" + f.path(), () -> {
      Path copy = FrozenFiles.copyTree(FrozenFiles.dir(f.dir()), tmp.resolve("copy-" + copies.incrementAndGet()));
      Path file = copy.resolve(f.path());
      ReaderOptions ro = FrozenRecords.readerOptions(f.manifest(), f.node());
      JsonNode want = f.node().path("content");
      long torn = want.path("torn_tail_bytes").asLong();
      assertThat(torn > 0).as("torn tail").isEqualTo(f.node().path("torn_tail").asBoolean());
      try (RecordReader r = RecordArchives.open(file, ro)) {
        assertThat(FrozenRecords.describe(r).toPrettyString()).isEqualTo(want.toPrettyString());
        ArchiveStats st = r.stats();
        assertThat(st.damage()).isEmpty();
        assertThat(st.tornTailBytes()).isEqualTo(torn);
        assertThat(st.records()).isEqualTo(want.path("records").size());
        for (JsonNode rec : want.path("records")) {
          Entry<byte[]> e = r.get(Bookmark.parse(rec.path("bookmark").asText()), RecordTypes.bytes()).orElseThrow();
          assertThat(FrozenFiles.sha256(e.value())).isEqualTo(rec.path("sha256").asText());
        }
      }
      RepairResult check = RecordArchives.check(RangeSources.memory(f.path(), Files.readAllBytes(file)));
      assertThat(check.tornBytes()).isEqualTo(torn);
      assertThat(check.problem() == null).isEqualTo(torn == 0);
      assertThat(check.records()).isEqualTo(want.path("records").size());
      if (torn > 0) {
        try (RecordReader strict = RecordArchives.open(file, ro.withTolerateTornTail(false))) {
          RecordCursor<byte[]> c = strict.cursor(RecordTypes.bytes());
          assertThatThrownBy(() -> {
            while (c.next()) {
              c.current();
            }
          }).isInstanceOf(TornTailException.class);
        }
      }

      try (RecordWriter w = RecordArchives.openForAppend(file,
          WriterOptions.defaults().withKeys(FrozenRecords.keys(f.manifest())))) {
        w.append("appended by today's writer");
      }
      // Appending trims a torn tail first; after it the archive must read and check clean.
      try (RecordReader r = RecordArchives.open(file, ro.withTolerateTornTail(false))) {
        assertThat(r.stats().tornTailBytes()).isZero();
        List<String> texts = new ArrayList<>();
        r.stream(RecordTypes.bytes()).forEach(e -> texts.add(FrozenFiles.sha256(e.value())));
        List<String> expected = new ArrayList<>(want.path("records").findValuesAsText("sha256"));
        expected.add(FrozenFiles.sha256("appended by today's writer".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(texts).containsExactlyElementsOf(expected);
      }
      assertThat(RecordArchives.check(RangeSources.memory(f.path(), Files.readAllBytes(file))).problem()).isNull();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFrozenKeyIndexFindsWhatItsManifestSays() throws IOException {
    return items("indexes").map(f -> DynamicTest.dynamicTest(f.dir() + "/" + f.path(), () -> {
      Path copy = FrozenFiles.copyTree(FrozenFiles.dir(f.dir()), tmp.resolve("copy-" + copies.incrementAndGet()));
      JsonNode want = f.node().path("content");
      ReaderOptions ro = FrozenRecords.readerOptions(f.manifest(), f.node());
      Map<String, String> shaAt = new HashMap<>();
      for (JsonNode a : f.manifest().path("archives")) {
        if (a.path("path").asText().equals(f.node().path("archive").asText())) {
          a.path("content").path("records").forEach(r -> shaAt.put(r.path("bookmark").asText(),
              r.path("sha256").asText()));
        }
      }
      assertThat(shaAt).as("records of the indexed archive").isNotEmpty();
      try (KeyIndex idx = KeyIndexes.open(copy.resolve(f.path()));
          RecordReader r = RecordArchives.open(copy.resolve(f.node().path("archive").asText()), ro)) {
        assertThat(idx.archiveId()).isEqualTo(r.metadata().archiveId());
        assertThat(idx.archiveId().toString()).isEqualTo(want.path("archive_id").asText());
        assertThat(idx.keyName()).isEqualTo(want.path("key_name").asText());
        assertThat(idx.keyType().label()).isEqualTo(want.path("key_type").asText());
        assertThat(idx.entries()).isEqualTo(want.path("entries").asLong());
        long pairs = 0;
        for (var it = want.path("lookups").properties().iterator(); it.hasNext(); ) {
          var e = it.next();
          List<String> got = idx.lookup(e.getKey()).stream().map(Bookmark::toString).toList();
          assertThat(got).as(e.getKey()).containsExactlyElementsOf(texts(e.getValue()));
          for (Entry<byte[]> rec : idx.find(r, e.getKey(), RecordTypes.bytes())) {
            assertThat(FrozenFiles.sha256(rec.value())).isEqualTo(shaAt.get(rec.bookmark().toString()));
          }
          pairs += got.size();
        }
        assertThat(pairs).isEqualTo(idx.entries());
        for (JsonNode absent : want.path("absent")) {
          assertThat(idx.lookup(absent.asText())).isEmpty();
        }
      }
    }));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** One archive or index of a frozen directory's manifest. */
  record Frozen(String dir, JsonNode manifest, JsonNode node) {
    String path() {
      return node.path("path").asText();
    }
  }

  static Stream<Frozen> items(String kind) throws IOException {
    List<Frozen> out = new ArrayList<>();
    for (String d : DIRECTORIES) {
      JsonNode m = FrozenFiles.manifest(FrozenFiles.dir(d));
      m.path(kind).forEach(n -> out.add(new Frozen(d, m, n)));
    }
    assertThat(out).as("frozen " + kind).isNotEmpty();
    return out.stream();
  }
}
