package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every codec with encryption: cursors, bookmarks, key indexes, splits, parallel streams, map-reduce. */
class EncryptedRoundTripTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = CodecId.class, names = {"NONE", "DEFLATE", "ZSTD"})
  void everyReadingPathWorksOnSealedPages(CodecId codec) throws Exception {
    Path p = dir.resolve("e.rec");
    List<String> recs = TestArchives.records(400, codec.ordinal());
    List<Bookmark> marks = TestArchives.write(p,
        TestArchives.options(codec, 2048).withEncryption("k1", KeyProviders.of("k1", KEY)), recs);
    ReaderOptions ro = ReaderOptions.defaults().withKeys(KeyProviders.of("k1", KEY));
    try (RecordReader r = RecordArchives.open(p, ro)) {
      assertThat(r.metadata().encrypted()).isTrue();
      List<Entry<String>> all = TestArchives.readAll(r);
      assertThat(all).extracting(Entry::value).containsExactlyElementsOf(recs);
      assertThat(all).extracting(Entry::bookmark).containsExactlyElementsOf(marks);

      // Bookmarks restart reads anywhere, including mid-page.
      for (int i = 0; i < recs.size(); i += 41) {
        RecordCursor<String> c = r.cursor(RecordTypes.utf8(), marks.get(i));
        List<String> rest = new ArrayList<>();
        while (c.next()) {
          rest.add(c.current().value());
        }
        assertThat(rest).containsExactlyElementsOf(recs.subList(i, recs.size()));
      }

      // Parallel streams, explicit ranges and map-reduce give the sequential answer.
      assertThat(r.stream(RecordTypes.utf8()).parallel().map(Entry::value).collect(Collectors.toList()))
          .containsExactlyElementsOf(recs);
      List<String> byRange = new ArrayList<>();
      for (PageRange range : r.split(5)) {
        r.stream(RecordTypes.utf8(), range).map(Entry::value).forEachOrdered(byRange::add);
      }
      assertThat(byRange).containsExactlyElementsOf(recs);
      String joined = RecordScans.mapReduce(r, RecordTypes.utf8(), 3, e -> e.value() + "|", "", String::concat);
      assertThat(joined).isEqualTo(recs.stream().map(s -> s + "|").collect(Collectors.joining()));

      // A secondary index over the sealed archive finds records without a scan.
      Path index = dir.resolve("e.user.rix");
      long n = KeyIndexes.build(r, RecordTypes.utf8(), KeyType.STRING, "user", s -> user(s), index);
      assertThat(n).isPositive();
      try (KeyIndex ki = KeyIndexes.open(index)) {
        for (String u : List.of("u1", "u7", "u42")) {
          List<String> want = recs.stream().filter(s -> u.equals(userName(s))).collect(Collectors.toList());
          assertThat(ki.find(r, u, RecordTypes.utf8())).extracting(Entry::value).containsExactlyElementsOf(want);
        }
      }
      try (io.easystore.io.RangeSource src = io.easystore.io.RangeSources.file(p)) {
        assertThat(RecordArchives.check(src).tornBytes()).isZero();
      }
    }
  }

  private static String userName(String s) {
    if (!s.startsWith("{")) {
      return null;
    }
    try {
      JsonNode n = RecordTypes.MAPPER.readTree(s);
      return n.path("user").isTextual() ? n.get("user").asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static byte[] user(String s) {
    String u = userName(s);
    return u == null ? null : u.getBytes(StandardCharsets.UTF_8);
  }
}
