package io.easystore.records;

import io.easystore.codec.CodecId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds small archives with known contents for tests. */
final class TestArchives {
  private TestArchives() {}

  /** Deterministic records of varied length, some empty, some JSON-looking. */
  static List<String> records(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      if (kind == 0) {
        out.add("");
      } else if (kind < 7) {
        out.add("{\"id\":" + i + ",\"user\":\"u" + r.nextInt(50) + "\",\"msg\":\"" + "x".repeat(r.nextInt(200)) + "\"}");
      } else {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(600);
        for (int j = 0; j < len; j++) {
          sb.append((char) ('a' + r.nextInt(26)));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  static WriterOptions options(CodecId codec, int pageSize) {
    return WriterOptions.defaults().withCodec(codec).withPageSize(pageSize).withHost("test-host")
        .withApplication("tests").withClock(Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
  }

  /** Writes {@code records} and returns their bookmarks. */
  static List<Bookmark> write(Path path, WriterOptions o, List<String> records) throws IOException {
    List<Bookmark> marks = new ArrayList<>();
    try (RecordWriter w = RecordArchives.create(path, o)) {
      for (String s : records) {
        marks.add(w.append(s));
      }
    }
    return marks;
  }

  /** Reads everything with a cursor. */
  static List<Entry<String>> readAll(RecordReader r) throws IOException {
    List<Entry<String>> out = new ArrayList<>();
    RecordCursor<String> c = r.cursor(RecordTypes.utf8());
    while (c.next()) {
      out.add(c.current());
    }
    return out;
  }
}
