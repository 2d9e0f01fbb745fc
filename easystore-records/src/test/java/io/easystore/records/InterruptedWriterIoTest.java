package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted callers of a writer's locked channel (EasyStore #13 item 7): the JDK closes a channel
 * used by an interrupted thread, and on Linux that drops the writer's lock. Another process (a
 * child JVM, the real check: the JDK's own overlap check only covers this JVM) must still find the
 * archive locked, and the writer must keep working.
 */
class InterruptedWriterIoTest {
  @TempDir Path dir;

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void interruptedReaderDoesNotDropTheWritersLock() throws Exception {
    Path p = dir.resolve("a.rec");
    TestArchives.write(p, options(), List.of("one"));
    try (PageOutput.FileOutput out = (PageOutput.FileOutput) PageOutput.file(p)) {
      io.easystore.io.RangeSource src = ChannelThread.source(out.name(), out.channel());
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> src.read(0, ByteBuffer.allocate(16)))
          .isInstanceOf(InterruptedIOException.class).hasMessageContaining(p.toString());
      assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();

      assertThat(out.channel().isOpen()).isTrue();
      assertThat(probe(p)).isEqualTo("locked");
      ByteBuffer head = ByteBuffer.allocate(16);
      assertThat(src.read(0, head)).isEqualTo(16);
    }
    assertThat(probe(p)).isEqualTo("free");
  }

  @Test
  void interruptedAppendDoesNotDropTheWritersLock() throws Exception {
    Path p = dir.resolve("b.rec");
    try (RecordWriter w = RecordArchives.create(p, options())) {
      w.append("before");
      Thread.currentThread().interrupt();
      assertThatThrownBy(w::flush).isInstanceOf(InterruptedIOException.class).hasMessageContaining(p.toString());
      assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      Thread.currentThread().interrupt();
      assertThatThrownBy(w::sync).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.interrupted()).isTrue();

      assertThat(probe(p)).isEqualTo("locked");
      w.append("after");
      w.sync();
      assertThat(probe(p)).isEqualTo("locked");
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).extracting(e -> e.value()).containsExactly("before", "after");
    }
  }

  @Test
  void interruptedAppendThatFillsAPageStoresTheRecordOnce() throws Exception {
    Path p = dir.resolve("e.rec");
    String big = "x".repeat(5000);
    try (RecordWriter w = RecordArchives.create(p, options())) {
      Thread.currentThread().interrupt();
      w.append(big);
      assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      assertThat(probe(p)).isEqualTo("locked");
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).extracting(e -> e.value()).containsExactly(big);
    }
  }

  @Test
  void interruptedCloseStillWritesTheLastPage() throws Exception {
    Path p = dir.resolve("c.rec");
    RecordWriter w = RecordArchives.create(p, options());
    w.append("last");
    Thread.currentThread().interrupt();
    w.close();
    assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    assertThat(probe(p)).isEqualTo("free");
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).extracting(e -> e.value()).containsExactly("last");
    }
  }

  @Test
  void interruptedOpenForAppendLeavesTheArchiveUsable() throws Exception {
    Path p = dir.resolve("d.rec");
    TestArchives.write(p, options(), List.of("one"));
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> RecordArchives.openForAppend(p, options()))
        .isInstanceOf(InterruptedIOException.class).hasMessageContaining(p.toString());
    assertThat(Thread.interrupted()).isTrue();
    try (RecordWriter w = RecordArchives.openForAppend(p, options())) {
      w.append("two");
    }
    try (RecordReader r = RecordArchives.open(p, ReaderOptions.defaults())) {
      assertThat(TestArchives.readAll(r)).extracting(e -> e.value()).containsExactly("one", "two");
    }
  }

  private static WriterOptions options() {
    return TestArchives.options(CodecId.NONE, 4096);
  }

  /** Asks a child JVM whether it can take the archive's lock. */
  private static String probe(Path archive) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process proc = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LockProbeMain.class.getName(), archive.toString()).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(proc.waitFor()).as(out).isZero();
    return out;
  }
}
