package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProviders;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  static final byte[] KEY = new byte[32];

  @TempDir Path dir;

  static Stream<Arguments> layouts() {
    return Stream.of(CodecId.NONE, CodecId.DEFLATE, CodecId.ZSTD).flatMap(c -> Stream.of(
        Arguments.of(c, 128, false), Arguments.of(c, 4096, false), Arguments.of(c, 65536, true)));
  }

  static WriterOptions opts(CodecId codec, int pageSize, boolean encrypted) {
    WriterOptions o = TestArchives.options(codec, pageSize);
    return encrypted ? o.withEncryption("k1", KeyProviders.of("k1", KEY)) : o;
  }

  static ReaderOptions ropts() {
    return ReaderOptions.defaults().withKeys(KeyProviders.of("k1", KEY));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void everyRecordReadsBackWithTheBookmarkAppendReturned(CodecId codec, int pageSize, boolean enc) throws Exception {
    Path p = dir.resolve("a.rec");
    List<String> recs = TestArchives.records(700, 1);
    List<Bookmark> marks = TestArchives.write(p, opts(codec, pageSize, enc), recs);
    try (RecordReader r = RecordArchives.open(p, ropts())) {
      List<Entry<String>> read = TestArchives.readAll(r);
      assertThat(read).extracting(Entry::value).containsExactlyElementsOf(recs);
      assertThat(read).extracting(Entry::bookmark).containsExactlyElementsOf(marks);
      assertThat(r.metadata().codec()).isEqualTo(codec);
      assertThat(r.metadata().encrypted()).isEqualTo(enc);
      for (int i = 0; i < recs.size(); i += 37) {
        assertThat(r.get(marks.get(i), RecordTypes.utf8())).map(Entry::value).contains(recs.get(i));
        RecordCursor<String> c = r.cursor(RecordTypes.utf8(), marks.get(i));
        assertThat(c.next()).isTrue();
        assertThat(c.current().value()).isEqualTo(recs.get(i));
        assertThat(c.current().bookmark()).isEqualTo(marks.get(i));
      }
      ArchiveStats s = r.stats();
      assertThat(s.records()).isEqualTo(recs.size());
      assertThat(s.tornTailBytes()).isZero();
      assertThat(s.pages()).isEqualTo(marks.stream().map(Bookmark::pageOffset).distinct().count());
    }
  }

  @Test
  void readingWorksOverAnyRangeSource() throws Exception {
    Path p = dir.resolve("a.rec");
    List<String> recs = TestArchives.records(300, 2);
    TestArchives.write(p, opts(CodecId.ZSTD, 2048, false), recs);
    for (RangeSource src : List.of(RangeSources.mmap(p), RangeSources.memory("mem:a", Files.readAllBytes(p)))) {
      try (src; RecordReader r = RecordArchives.open(src, ReaderOptions.defaults())) {
        assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(recs);
        assertThat(r.name()).isEqualTo(src.name());
      }
    }
  }

  @Test
  void aSinkArchiveAppearsOnlyWhenClosed() throws Exception {
    Path p = dir.resolve("sink.rec");
    try (RecordWriter w = RecordArchives.create(RangeSources.fileSink(p), opts(CodecId.ZSTD, 256, false))) {
      for (String s : TestArchives.records(50, 3)) {
        w.append(s);
      }
      w.flush();
      assertThat(p).doesNotExist();
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).hasSize(50);
    }
  }

  @Test
  void reopeningForAppendContinuesTheSameArchive() throws Exception {
    Path p = dir.resolve("a.rec");
    List<String> recs = TestArchives.records(200, 4);
    TestArchives.write(p, opts(CodecId.DEFLATE, 1024, true), recs.subList(0, 100));
    assertThatThrownBy(() -> RecordArchives.create(p, WriterOptions.defaults()))
        .isInstanceOf(FileAlreadyExistsException.class);
    try (RecordWriter w = RecordArchives.openForAppend(p, WriterOptions.defaults().withKeys(KeyProviders.of("k1", KEY)))) {
      assertThat(w.metadata().codec()).isEqualTo(CodecId.DEFLATE);
      for (String s : recs.subList(100, 200)) {
        w.append(s);
      }
    }
    try (RecordReader r = RecordArchives.open(p, ropts())) {
      assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(recs);
    }
  }

  @Test
  void aSecondWriterIsRefusedWhileTheFirstIsOpen() throws Exception {
    Path p = dir.resolve("a.rec");
    try (RecordWriter w = RecordArchives.create(p, WriterOptions.defaults())) {
      w.append("one");
      assertThatThrownBy(() -> RecordArchives.openForAppend(p, WriterOptions.defaults()))
          .hasMessageContaining("another writer");
    }
  }

  @Test
  void recordsLargerThanAPageGetAPageOfTheirOwnAndOversizedOnesAreRefused() throws Exception {
    Path p = dir.resolve("a.rec");
    byte[] big = new byte[300_000];
    new java.util.Random(5).nextBytes(big);
    try (RecordWriter w = RecordArchives.create(p, opts(CodecId.ZSTD, 4096, false).withMaxItemSize(400_000))) {
      w.append("small");
      Bookmark b = w.append(big);
      assertThat(b.index()).isZero();
      w.append("after");
      assertThatThrownBy(() -> w.append(new byte[400_001])).isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("withMaxItemSize");
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      List<Entry<byte[]>> all = r.stream(RecordTypes.bytes()).collect(Collectors.toList());
      assertThat(all).hasSize(3);
      assertThat(all.get(1).value()).isEqualTo(big);
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults().withMaxItemSize(100_000))) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(CorruptPageException.class)
          .hasMessageContaining("withMaxItemSize");
    }
  }

  @Test
  void aPageIsWrittenWhenItsOldestRecordReachesTheAgeLimit() throws Exception {
    Path p = dir.resolve("a.rec");
    MutableClock clock = new MutableClock();
    WriterOptions o = opts(CodecId.ZSTD, 1 << 20, false).withClock(clock).withMaxPageAge(Duration.ofSeconds(5));
    try (RecordWriter w = RecordArchives.create(p, o)) {
      long start = w.size();
      w.append("a");
      clock.now = clock.now.plusSeconds(2);
      w.append("b");
      assertThat(w.flushIfDue()).isFalse();
      assertThat(w.size()).isEqualTo(start);
      clock.now = clock.now.plusSeconds(4);
      assertThat(w.flushIfDue()).isTrue();
      assertThat(w.size()).isGreaterThan(start);
      w.append("c");
      clock.now = clock.now.plusSeconds(6);
      long before = w.size();
      w.append("d");
      assertThat(w.size()).as("the append that finds the page too old writes it").isGreaterThan(before);
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      List<PageInfo> pages = r.pages();
      assertThat(pages).extracting(PageInfo::records).containsExactly(2, 2);
      assertThat(pages.get(0).host()).isEqualTo("test-host");
      assertThat(pages.get(0).application()).isEqualTo("tests");
    }
  }

  public record Order(String id, long amount, List<String> tags) {}

  @Test
  void typedAdaptersRoundTrip() throws Exception {
    Path p = dir.resolve("a.rec");
    LogMessage m1 = new LogMessage(Instant.parse("2024-05-01T12:00:00.123Z"), LogMessage.Level.WARN, "svc.db",
        "slow query", "req-7", Map.of("ms", "812"));
    LogMessage m2 = LogMessage.of(Instant.parse("2024-05-01T12:00:01Z"), LogMessage.Level.INFO, "svc", "ok");
    try (RecordWriter w = RecordArchives.create(p, opts(CodecId.ZSTD, 4096, false))) {
      w.append(m1, RecordTypes.logMessages());
      w.append(m2, RecordTypes.logMessages());
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(r.stream(RecordTypes.logMessages()).map(Entry::value)).containsExactly(m1, m2);
    }
    Path q = dir.resolve("b.rec");
    Order o = new Order("o-1", 1250, List.of("a", "b"));
    try (RecordWriter w = RecordArchives.create(q, opts(CodecId.ZSTD, 4096, false))) {
      w.appendJson(o);
      w.append(o, RecordTypes.json(Order.class));
      w.append("héllo wörld");
      w.append(new byte[] {1, 2, 3});
    }
    try (RecordReader r = RecordArchives.open(q, ReaderOptions.defaults())) {
      List<Entry<byte[]>> raw = r.stream(RecordTypes.bytes()).collect(Collectors.toList());
      assertThat(RecordTypes.json(Order.class).decode(raw.get(0).value(), 0, raw.get(0).value().length)).isEqualTo(o);
      assertThat(r.get(raw.get(1).bookmark(), RecordTypes.json(Order.class)).orElseThrow().value()).isEqualTo(o);
      JsonNode tree = r.get(raw.get(0).bookmark(), RecordTypes.jsonTree()).orElseThrow().value();
      assertThat(tree.path("amount").asLong()).isEqualTo(1250);
      assertThat(r.get(raw.get(2).bookmark(), RecordTypes.utf8()).orElseThrow().value()).isEqualTo("héllo wörld");
      assertThat(raw.get(3).value()).containsExactly(1, 2, 3);
      assertThatThrownBy(() -> r.get(raw.get(2).bookmark(), RecordTypes.json(Order.class)))
          .isInstanceOf(RecordDecodeException.class).hasMessageContaining("record " + raw.get(2).bookmark());
    }
  }

  @Test
  void bookmarksParseTheirTextForm() {
    assertThat(Bookmark.parse("4096:17")).isEqualTo(new Bookmark(4096, 17));
    assertThat(new Bookmark(32, 0).toString()).isEqualTo("32:0");
    for (String bad : new String[] {"", "12", "12:", ":3", "a:b", "17:1", "-16:0", "16:-1"}) {
      assertThatThrownBy(() -> Bookmark.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aBookmarkThatIsNotAPageIsATypedError() throws Exception {
    Path p = dir.resolve("a.rec");
    TestArchives.write(p, opts(CodecId.ZSTD, 512, false), TestArchives.records(100, 6));
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      long inside = r.pages().get(1).offset() + 16;
      assertThatThrownBy(() -> r.get(new Bookmark(inside, 0), RecordTypes.utf8()))
          .isInstanceOf(CorruptPageException.class).hasMessageContaining("record " + inside + ":0");
      assertThatThrownBy(() -> r.cursor(RecordTypes.utf8(), new Bookmark(1L << 40, 0)))
          .isInstanceOf(CorruptPageException.class);
      assertThat(r.get(new Bookmark(r.firstPageOffset(), 100_000), RecordTypes.utf8())).isEmpty();
    }
  }

  @Test
  void anEmptyArchiveHasNoRecords() throws Exception {
    Path p = dir.resolve("empty.rec");
    RecordArchives.create(p, WriterOptions.defaults().withDescription("nothing yet")).close();
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).isEmpty();
      assertThat(r.split(4)).isEmpty();
      assertThat(r.stream(RecordTypes.utf8()).parallel().count()).isZero();
      assertThat(r.metadata().description()).isEqualTo("nothing yet");
      assertThat(new String(Files.readAllBytes(p), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("ESRECARC");
    }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static List<String> values(List<Entry<String>> es) {
    List<String> out = new ArrayList<>();
    es.forEach(e -> out.add(e.value()));
    return out;
  }
}
