package io.easystore.records;

import static io.easystore.testing.FuzzChecks.attempt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.easystore.io.RangeSources;
import io.easystore.testing.FuzzChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Record archives (plain zstd/deflate/none and encrypted format 2, read with the fixed test key)
 * through strict and skipping readers, parallel streams, bookmarks, pages, split, stats, check,
 * repair (dry run and real) and append after repair: records or typed, named errors only, and
 * every way of reading a record gives the same value. A second target edits a committed encrypted
 * archive: no record that differs from the pristine archive ever reads as success.
 */
class RecordArchiveFuzzTest {
  static final String NAME = "fuzz.rec";
  static final ReaderOptions KEYED = ReaderOptions.defaults().withKeys(RecordFuzzSeeds.KEY)
      .withMaxItemSize(1 << 20).withMaxPageSize(2 << 20);
  static final int MAX_RECORDS = 20_000;
  static final byte[] BASE = base("bases/sealed.rec");
  static final Map<Bookmark, String> PRISTINE = pristine();

  @FuzzTest(maxDuration = "5m")
  void archivesReadRecordsOrFailTyped(byte[] bytes) {
    FuzzChecks.bounded("archive of " + bytes.length + " bytes", () -> {
      Map<Bookmark, String> seen = exercise(bytes, null);
      repairAndAppend(bytes, seen);
      return null;
    });
  }

  @FuzzTest(maxDuration = "5m")
  void editsOfAnEncryptedArchiveNeverReadAsRecords(byte[] script) {
    byte[] bytes = edit(BASE, script);
    FuzzChecks.bounded("edit script of " + script.length + " bytes", () -> exercise(bytes, PRISTINE));
  }

  /** Reads everything every way; {@code truth}, when given, is what every success must match. */
  static Map<Bookmark, String> exercise(byte[] bytes, Map<Bookmark, String> truth) {
    Map<Bookmark, String> seen = new LinkedHashMap<>();
    attempt(NAME, "check", () -> RecordArchives.check(RangeSources.memory(NAME, bytes)));
    try (RecordReader r = attempt(NAME, "open", () -> RecordArchives.open(RangeSources.memory(NAME, bytes), KEYED))) {
      if (r == null) {
        return seen;
      }
      attempt(NAME, "strict cursor", () -> {
        RecordCursor<String> c = r.cursor(RecordTypes.utf8());
        while (seen.size() < MAX_RECORDS && c.next()) {
          record(seen, truth, "cursor", c.current());
        }
        return null;
      });
      attempt(NAME, "pages", r::pages);
      attempt(NAME, "stats", r::stats);
      attempt(NAME, "split", () -> r.split(3));
      List<Bookmark> marks = new ArrayList<>(seen.keySet());
      List<Entry<String>> again = attempt(NAME, "getAll", () -> r.getAll(marks, RecordTypes.utf8()));
      for (Entry<String> e : again == null ? List.<Entry<String>>of() : again) {
        record(seen, truth, "getAll", e);
      }
      if (!marks.isEmpty()) {
        attempt(NAME, "get", () -> r.get(marks.get(marks.size() / 2), RecordTypes.utf8())
            .map(e -> record(seen, truth, "get", e)));
      }
    } catch (IOException e) {
      throw new AssertionError("close failed", e);
    }
    // The listener is called from the threads of the parallel stream.
    List<CorruptPageException> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
    ReaderOptions tolerant = KEYED.withSkipCorruptPages(true).withTolerateTornTail(true).withOnSkip(skipped::add);
    try (RecordReader r = attempt(NAME, "open tolerant", () -> RecordArchives.open(RangeSources.memory(NAME, bytes),
        tolerant))) {
      if (r != null) {
        List<Entry<String>> par = attempt(NAME, "parallel stream", () -> {
          try (Stream<Entry<String>> s = r.stream(RecordTypes.utf8())) {
            return s.parallel().limit(MAX_RECORDS).collect(Collectors.toList());
          }
        });
        for (Entry<String> e : par == null ? List.<Entry<String>>of() : par) {
          record(seen, truth, "tolerant stream", e);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("close failed", e);
    }
    for (CorruptPageException s : skipped) {
      FuzzChecks.typed(s, NAME, "skipped page");
    }
    return seen;
  }

  /** Every reading of one bookmark must give one value, and (with truth) the pristine one. */
  private static Entry<String> record(Map<Bookmark, String> seen, Map<Bookmark, String> truth, String how,
      Entry<String> e) {
    String before = seen.putIfAbsent(e.bookmark(), e.value());
    if (before != null && !before.equals(e.value())) {
      FuzzChecks.defect("records-disagree", how + " read " + e.bookmark() + " differently", null);
    }
    if (truth != null && !Objects.equals(truth.get(e.bookmark()), e.value())) {
      FuzzChecks.defect("wrong-record", how + " returned a record at " + e.bookmark()
          + " that the pristine archive does not have there", null);
    }
    return e;
  }

  /** check, repair --dry-run, repair, then append: the appended record must read back. */
  private static void repairAndAppend(byte[] bytes, Map<Bookmark, String> seen) throws IOException {
    Path dir = Files.createTempDirectory("esfuzz");
    try {
      Path file = dir.resolve(NAME);
      Files.write(file, bytes);
      attempt(NAME, "repair --dry-run", () -> RecordArchives.repair(file, true));
      if (attempt(NAME, "repair", () -> RecordArchives.repair(file, false)) == null) {
        return;
      }
      Bookmark probe = attempt(NAME, "append after repair", () -> {
        try (RecordWriter w = RecordArchives.openForAppend(file, io.easystore.records.WriterOptions.defaults()
            .withKeys(RecordFuzzSeeds.KEY))) {
          return w.append("appended by the fuzz target");
        }
      });
      if (probe == null) {
        return;
      }
      String back = attempt(NAME, "read appended", () -> {
        try (RecordReader r = RecordArchives.open(file, KEYED)) {
          return r.get(probe, RecordTypes.utf8()).map(Entry::value).orElse(null);
        }
      });
      if (back != null && !back.equals("appended by the fuzz target")) {
        FuzzChecks.defect("append-readback", "the record appended after repair reads back as '" + back + "'", null);
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static byte[] edit(byte[] base, byte[] script) {
    byte[] b = base.clone();
    for (int i = 0; i + 5 <= script.length && i < 80 && b.length > 0; i += 5) {
      int pos = (((script[i + 1] & 0xFF) << 16) | ((script[i + 2] & 0xFF) << 8) | (script[i + 3] & 0xFF)) % b.length;
      switch ((script[i] & 0xFF) % 3) {
        case 0 -> b[pos] ^= (byte) (1 << (script[i + 4] & 7));
        case 1 -> b[pos] = script[i + 4];
        default -> b = java.util.Arrays.copyOf(b, pos);
      }
    }
    return b;
  }

  private static byte[] base(String name) {
    try (InputStream in = RecordArchiveFuzzTest.class.getResourceAsStream(name)) {
      return Objects.requireNonNull(in, "missing " + name + " (regenerate with RecordFuzzSeeds)").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<Bookmark, String> pristine() {
    Map<Bookmark, String> m = new LinkedHashMap<>();
    try (RecordReader r = RecordArchives.open(RangeSources.memory(NAME, BASE), KEYED)) {
      RecordCursor<String> c = r.cursor(RecordTypes.utf8());
      while (c.next()) {
        m.put(c.current().bookmark(), c.current().value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
