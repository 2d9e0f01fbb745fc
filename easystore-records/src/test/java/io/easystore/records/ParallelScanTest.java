package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.codec.CodecId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelScanTest {
  @TempDir static Path dir;
  static Path archive;
  static List<String> recs;
  static List<Bookmark> marks;

  @BeforeAll
  static void write() throws Exception {
    archive = dir.resolve("p.rec");
    recs = TestArchives.records(5000, 11);
    marks = TestArchives.write(archive, TestArchives.options(CodecId.ZSTD, 2048), recs);
  }

  @Test
  void aParallelStreamSeesEveryRecordOnceInOrder() throws Exception {
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      ForkJoinPool pool = new ForkJoinPool(4);
      try {
        List<Entry<String>> par = pool.submit(() -> r.stream(RecordTypes.utf8()).parallel()
            .collect(Collectors.toList())).get();
        assertThat(par).extracting(Entry::value).containsExactlyElementsOf(recs);
        assertThat(par).extracting(Entry::bookmark).containsExactlyElementsOf(marks);
        long sum = pool.submit(() -> r.stream(RecordTypes.utf8()).parallel()
            .mapToLong(e -> e.value().length()).sum()).get();
        assertThat(sum).isEqualTo(recs.stream().mapToLong(String::length).sum());
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void theSpliteratorKnowsItsExactSizeAndSplitsAtPages() throws Exception {
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      Spliterator<Entry<String>> s = r.stream(RecordTypes.utf8()).spliterator();
      assertThat(s.hasCharacteristics(Spliterator.SIZED | Spliterator.ORDERED)).isTrue();
      assertThat(s.estimateSize()).isEqualTo(recs.size());
      // Consume part of a page, then split: the prefix must keep the partly read page.
      List<String> seen = new ArrayList<>();
      s.tryAdvance(e -> seen.add(e.value()));
      Spliterator<Entry<String>> prefix = s.trySplit();
      assertThat(prefix).isNotNull();
      assertThat(prefix.estimateSize() + s.estimateSize()).isEqualTo(recs.size() - 1);
      prefix.forEachRemaining(e -> seen.add(e.value()));
      s.forEachRemaining(e -> seen.add(e.value()));
      assertThat(seen).containsExactlyElementsOf(recs);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 1000, 100_000})
  void splitsCoverEveryPageExactlyOnce(int parts) throws Exception {
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      List<PageRange> ranges = r.split(parts);
      assertThat(ranges.size()).isBetween(1, Math.min(parts, r.pages().size()));
      assertThat(ranges.get(0).start()).isEqualTo(r.firstPageOffset());
      for (int i = 1; i < ranges.size(); i++) {
        assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end());
      }
      List<String> joined = new ArrayList<>();
      for (PageRange range : ranges) {
        r.stream(RecordTypes.utf8(), range).forEach(e -> joined.add(e.value()));
      }
      assertThat(joined).containsExactlyElementsOf(recs);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void mapReduceEqualsASequentialFoldForAnOrderSensitiveReducer(int threads) throws Exception {
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      // Concatenation is associative but not commutative: any misordering shows.
      String viaMr = RecordScans.mapReduce(r, RecordTypes.utf8(), threads,
          e -> e.value().isEmpty() ? "" : e.value().substring(0, 1), "", String::concat);
      String expected = recs.stream().map(s -> s.isEmpty() ? "" : s.substring(0, 1)).collect(Collectors.joining());
      assertThat(viaMr).isEqualTo(expected);
      long count = RecordScans.mapReduce(r, RecordTypes.bytes(), threads, e -> 1L, 0L, Long::sum);
      assertThat(count).isEqualTo(recs.size());
    }
  }
}
