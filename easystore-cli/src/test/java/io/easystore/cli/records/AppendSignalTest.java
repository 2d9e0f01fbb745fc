package io.easystore.cli.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.records.Entry;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.RepairResult;
import io.easystore.records.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tail -f app.log | des records append app.rec} as a real process: records show up while
 * the pipe is still open, and SIGTERM / SIGINT lose no record the command has taken from stdin.
 */
class AppendSignalTest {
  private static final long WAIT_SECONDS = 120;

  @TempDir Path dir;

  private Process child;
  private Path childErr;

  @AfterEach
  void killChild() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private OutputStream start(Path archive, String flushInterval) throws IOException {
    childErr = dir.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), AppendChildMain.class.getName(),
        "append", archive.toString(), "--flush-interval", flushInterval);
    pb.redirectOutput(dir.resolve("child.out").toFile());
    // A file, not a pipe: the JDK closes a process's pipes when it exits, racing a reader thread.
    pb.redirectError(childErr.toFile());
    child = pb.start();
    return child.getOutputStream();
  }

  private List<String> stderr() throws IOException {
    return Files.exists(childErr) ? Files.readAllLines(childErr, StandardCharsets.UTF_8) : List.of();
  }

  private static long send(OutputStream in, List<String> lines) throws IOException {
    byte[] b = lines.stream().map(l -> l + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
    in.write(b);
    in.flush();
    return b.length;
  }

  private static List<String> lines(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("{\"n\":" + i + ",\"msg\":\"line " + i + "\"}");
    }
    return out;
  }

  /** What a reader sees now, tolerating a page being written at this moment. */
  private static List<String> visible(Path archive) throws IOException {
    if (!Files.exists(archive)) {
      return List.of();
    }
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults().withTolerateTornTail(true))) {
      return r.stream(RecordTypes.utf8()).map(Entry::value).collect(Collectors.toList());
    }
  }

  /** Waits until the child has asked stdin for more after consuming {@code bytes}: all lines appended. */
  private void awaitConsumed(long bytes) throws InterruptedException, IOException {
    String marker = "stdin-read-at " + bytes;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!stderr().contains(marker) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(stderr()).as("child consumed all %d bytes", bytes).contains(marker);
  }

  /** The archive after the child is gone: strictly readable, no torn tail, not locked. */
  private static List<String> checkClosedCleanly(Path archive) throws IOException {
    RepairResult check = RecordArchives.repair(archive, true);
    assertThat(check.tornBytes()).as("torn tail").isZero();
    assertThat(check.problem()).isNull();
    List<String> records;
    try (RecordReader r = RecordArchives.open(archive, ReaderOptions.defaults())) {
      records = r.stream(RecordTypes.utf8()).map(Entry::value).collect(Collectors.toList());
    }
    try (RecordWriter w = RecordArchives.openForAppend(archive, WriterOptions.defaults())) {
      assertThat(w.size()).isEqualTo(Files.size(archive));
    }
    return records;
  }

  @Test
  void pipedRecordsAreVisibleWithinTheFlushIntervalAndSurviveSigterm() throws Exception {
    Path archive = dir.resolve("live.rec");
    OutputStream in = start(archive, "200ms");
    List<String> first = lines(0, 50);
    send(in, first);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (visible(archive).size() < first.size() && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(child.isAlive()).as("stdin is still open: " + stderr()).isTrue();
    assertThat(visible(archive)).as("records visible before EOF").containsExactlyElementsOf(first);

    List<String> second = lines(50, 80);
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    long total = bytesOf(first) + send(in, second);
    awaitConsumed(total);
    // kill(1), not Process.destroy(): destroy() also closes the child's stdin right after the
    // signal, and an EOF that wins the race ends the append normally (exit 0), as no pipe does.
    signal("TERM");
    assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("exit status of SIGTERM: " + stderr()).isEqualTo(128 + 15);
    assertThat(checkClosedCleanly(archive)).containsExactlyElementsOf(all);
  }

  private static long bytesOf(List<String> lines) {
    return lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void bufferedRecordsSurviveASignal(String signal) throws Exception {
    Path archive = dir.resolve("buffered.rec");
    // Nothing is written by age or size here: every record is in the writer's buffer at the signal.
    OutputStream in = start(archive, "1h");
    List<String> sent = lines(0, 40);
    awaitConsumed(0);
    awaitConsumed(send(in, sent));
    assertThat(visible(archive)).as("still buffered").isEmpty();
    if (signal.equals("INT")) {
      assumeSigintDeliverable(child.pid());
      signal("INT");
    } else {
      signal("TERM");
    }
    assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("child stops on SIG" + signal).isTrue();
    assertThat(child.exitValue()).as("exit status: " + stderr()).isEqualTo(128 + (signal.equals("INT") ? 2 : 15));
    assertThat(checkClosedCleanly(archive)).containsExactlyElementsOf(sent);
    assertThat(String.join("\n", stderr())).contains("des records append: stopped; 40 records appended to");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
    assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** A child started from a non-interactive shell's background job inherits SIGINT ignored. */
  private static void assumeSigintDeliverable(long pid) throws IOException {
    Path status = Path.of("/proc/" + pid + "/status");
    Assumptions.assumeTrue(Files.exists(status), "needs /proc to check the signal mask");
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        Assumptions.assumeTrue((ignored & 0x2) == 0, "SIGINT is ignored by this process tree");
      }
    }
  }
}
