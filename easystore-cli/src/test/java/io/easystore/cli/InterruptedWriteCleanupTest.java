package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM in the middle of a {@code des pack} in a real child JVM: the
 * shutdown hook deletes the hidden temporary file, no lock file stays, and the target is absent
 * or still its previous complete version.
 */
class InterruptedWriteCleanupTest {
  @TempDir Path tmp;

  /** A tree whose packing takes seconds: sparse (instant to create, no disk), read whole. */
  private Path slowTree() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "first");
    for (int i = 0; i < 4; i++) {
      try (RandomAccessFile f = new RandomAccessFile(src.resolve("zeros" + i + ".bin").toFile(), "rw")) {
        f.setLength(2L << 30);
      }
    }
    return src;
  }

  private Process startPack(Path src, Path out, String... more) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), SignalDefaultsMain.class.getName(),
        "pack", src.toString(), "-o", out.toString(), "--threads", "2", "-q"));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
        .start();
  }

  /**
   * Waits until the pack's temporary file exists: the writer is open, and gigabytes are still to
   * be read, so the signal lands mid-write.
   */
  private Path awaitTemp(Process p, Path dir) throws Exception {
    for (int i = 0; i < 6000 && p.isAlive(); i++) {
      try (Stream<Path> s = Files.list(dir)) {
        Path t = s.filter(f -> f.getFileName().toString().endsWith(".tmp")).findFirst().orElse(null);
        if (t != null) {
          return t;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no temporary file appeared; child log: " + Files.readString(tmp.resolve("child.log")));
  }

  private List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".lock")).toList();
    }
  }

  @Test
  void sigtermDuringPackDeletesTheTemporaryFileAndWritesNoTarget() throws Exception {
    Path src = slowTree();
    Path outDir = Files.createDirectories(tmp.resolve("out"));
    Path out = outDir.resolve("c.des");
    Process p = startPack(src, out);
    awaitTemp(p, outDir);
    p.destroy();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isEqualTo(143);
    assertThat(leftovers(outDir)).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void ctrlCDuringPackOverAnExistingContainerKeepsTheOldOneAndDeletesTheTemporaryFile() throws Exception {
    Path src = slowTree();
    Path outDir = Files.createDirectories(tmp.resolve("out"));
    Path out = outDir.resolve("c.des");
    Path small = Files.createDirectories(tmp.resolve("small"));
    Files.writeString(small.resolve("old.txt"), "the previous version");
    assertThat(CliRun.of("pack", small.toString(), "-o", out.toString()).exit()).isZero();
    byte[] before = Files.readAllBytes(out);
    Process p = startPack(src, out, "--force");
    awaitTemp(p, outDir);
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isEqualTo(130);
    assertThat(leftovers(outDir)).isEmpty();
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
  }
}
