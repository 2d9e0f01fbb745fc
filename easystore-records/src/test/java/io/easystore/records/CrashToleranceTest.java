package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A writer killed mid-page: complete pages read, the tail is reported, repair and append trim it. */
class CrashToleranceTest {
  @TempDir Path dir;

  static Stream<Long> seeds() {
    return LongStream.range(0, 25).boxed();
  }

  /** Writes an archive and returns the records of its complete pages and where the last page starts. */
  private record Torn(Path path, List<String> complete, long lastPage, long fullSize) {}

  private Torn tornArchive(long seed, boolean zeroFill) throws IOException {
    Random rnd = new Random(seed);
    Path p = dir.resolve("t" + seed + ".rec");
    List<String> recs = TestArchives.records(300, seed);
    List<Bookmark> marks = TestArchives.write(p, TestArchives.options(CodecId.ZSTD, 1024), recs);
    long lastPage = marks.get(marks.size() - 1).pageOffset();
    long size = Files.size(p);
    List<String> complete = new ArrayList<>();
    for (int i = 0; i < recs.size(); i++) {
      if (marks.get(i).pageOffset() < lastPage) {
        complete.add(recs.get(i));
      }
    }
    // Cut anywhere inside the last page's header or payload, as a crash mid-write would (the
    // last 16 bytes may be only padding, whose loss leaves the page complete).
    long cut = lastPage + 1 + rnd.nextInt((int) (size - 16 - lastPage - 1));
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.truncate(cut);
      if (zeroFill) {
        // Some file systems leave zeros where unflushed data should be after a crash.
        ch.write(java.nio.ByteBuffer.allocate((int) (size - cut)), cut);
      }
    }
    return new Torn(p, complete, lastPage, size);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void completePagesReadAndTheTornTailIsReported(long seed) throws Exception {
    Torn t = tornArchive(seed, seed % 2 == 0);
    try (RecordReader r = RecordArchives.open(t.path, ReaderOptions.defaults())) {
      List<String> got = new ArrayList<>();
      RecordCursor<String> c = r.cursor(RecordTypes.utf8());
      assertThatThrownBy(() -> {
        while (c.next()) {
          got.add(c.current().value());
        }
      }).isInstanceOf(TornTailException.class).hasMessageContaining("@ offset " + t.lastPage);
      assertThat(got).containsExactlyElementsOf(t.complete);
      ArchiveStats s = r.stats();
      assertThat(s.validEnd()).isEqualTo(t.lastPage);
      assertThat(s.tornTailBytes()).isEqualTo(Files.size(t.path) - t.lastPage);
      assertThat(s.damage()).isEmpty();
    }
    List<CorruptPageException> told = new ArrayList<>();
    try (RecordReader r = RecordArchives.open(t.path,
        ReaderOptions.defaults().withTolerateTornTail(true).withOnSkip(told::add))) {
      assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(t.complete);
      assertThat(told).singleElement().isInstanceOf(TornTailException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void repairTrimsTheTailAndAppendingContinues(long seed) throws Exception {
    Torn t = tornArchive(seed, seed % 3 == 0);
    RepairResult dry = RecordArchives.repair(t.path, true);
    assertThat(dry.trimmed()).isFalse();
    assertThat(dry.validEnd()).isEqualTo(t.lastPage);
    if (seed % 2 == 0) {
      RepairResult r = RecordArchives.repair(t.path, false);
      assertThat(r.trimmed()).isTrue();
      assertThat(Files.size(t.path)).isEqualTo(t.lastPage);
      assertThat(RecordArchives.repair(t.path, false).tornBytes()).isZero();
    }
    try (RecordWriter w = RecordArchives.openForAppend(t.path, WriterOptions.defaults())) {
      w.append("after the crash");
    }
    try (RecordReader r = RecordArchives.open(t.path, ReaderOptions.defaults())) {
      List<String> expected = new ArrayList<>(t.complete);
      expected.add("after the crash");
      assertThat(TestArchives.readAll(r)).extracting(Entry::value).containsExactlyElementsOf(expected);
    }
  }

  /** The writer runs in another JVM that is killed with SIGKILL while it appends. */
  @Test
  void aWriterKilledWhileAppendingLeavesAReadableArchive() throws Exception {
    Path p = dir.resolve("killed.rec");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process proc = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledWriter.class.getName(), p.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((!Files.exists(p) || Files.size(p) < 2_000_000) && System.nanoTime() < deadline && proc.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(proc.isAlive()).as("child still writing; log: %s", Files.exists(dir.resolve("child.log"))
          ? Files.readString(dir.resolve("child.log")) : "").isTrue();
    } finally {
      proc.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults().withTolerateTornTail(true))) {
      List<Entry<String>> all = TestArchives.readAll(r);
      assertThat(all).isNotEmpty();
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).value()).isEqualTo(KilledWriter.record(i));
      }
    }
    RecordArchives.repair(p, false);
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(r.stats().tornTailBytes()).isZero();
      assertThat(TestArchives.readAll(r)).isNotEmpty();
    }
  }

  /** Child process main: appends numbered records forever. */
  public static final class KilledWriter {
    static String record(long i) {
      return "record " + i + " " + "payload-".repeat((int) (i % 50));
    }

    public static void main(String[] args) throws Exception {
      try (RecordWriter w = RecordArchives.create(Path.of(args[0]),
          WriterOptions.defaults().withPageSize(4096))) {
        for (long i = 0; ; i++) {
          w.append(record(i));
        }
      }
    }
  }
}
