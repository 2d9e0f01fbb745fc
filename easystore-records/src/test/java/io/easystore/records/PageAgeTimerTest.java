package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maximum page age is enforced while no record arrives, not only by the next append. */
class PageAgeTimerTest {
  @TempDir Path dir;

  /**
   * A clock only the test moves, so a page is never due while an append runs (the append would
   * write it itself) and becomes due for the timer when the test says so.
   */
  static final class StepClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance() {
      now = now.plusSeconds(1);
    }

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

  private final StepClock clock = new StepClock();

  private WriterOptions aging() {
    return WriterOptions.defaults().withCodec(CodecId.ZSTD).withMaxPageAge(Duration.ofMillis(20)).withClock(clock);
  }

  private static List<String> visible(Path p) throws IOException {
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults().withTolerateTornTail(true))) {
      return r.stream(RecordTypes.utf8()).map(Entry::value).collect(Collectors.toList());
    }
  }

  @Test
  void anIdleWritersRecordsReachTheArchiveAtTheMaxPageAge() throws Exception {
    Path p = dir.resolve("quiet.rec");
    try (RecordWriter w = RecordArchives.create(p, aging())) {
      w.append("one");
      w.append("two");
      // No append, flush or flushIfDue from here on: only the timer can write the page.
      clock.advance();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (visible(p).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(visible(p)).containsExactly("one", "two");
      w.append("three");
      clock.advance();
      while (visible(p).size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(visible(p)).containsExactly("one", "two", "three");
    }
  }

  /** Fails the first page write, then accepts everything. */
  static final class FlakySink implements ContainerSink {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch failed = new CountDownLatch(1);
    boolean headerWritten;

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public synchronized void write(ByteBuffer src) throws IOException {
      if (headerWritten && failed.getCount() > 0) {
        failed.countDown();
        throw new IOException("disk full (test)");
      }
      headerWritten = true;
      byte[] b = new byte[src.remaining()];
      src.get(b);
      bytes.write(b);
    }

    @Override
    public synchronized long position() {
      return bytes.size();
    }

    @Override
    public void publish() {}

    @Override
    public void close() {}
  }

  @Test
  void aPageTheTimerCouldNotWriteIsReportedByTheNextCallAndNotLost() throws Exception {
    FlakySink sink = new FlakySink();
    RecordWriter w = RecordArchives.create(sink, aging());
    w.append("kept");
    clock.advance();
    assertThat(sink.failed.await(60, TimeUnit.SECONDS)).as("the timer tried to write the page").isTrue();
    // append takes the writer's lock, which the failing tick holds until it has kept the error.
    assertThatThrownBy(() -> w.append("refused")).isInstanceOf(IOException.class)
        .hasMessageContaining("flaky").hasMessageContaining("maximum age").hasRootCauseMessage("disk full (test)");
    w.append("after");
    w.close();
    try (RecordReader r = RecordArchives.open(RangeSources.memory("flaky", sink.bytes.toByteArray()),
        ReaderOptions.defaults())) {
      assertThat(r.stream(RecordTypes.utf8()).map(Entry::value)).containsExactly("kept", "after");
    }
  }
}
