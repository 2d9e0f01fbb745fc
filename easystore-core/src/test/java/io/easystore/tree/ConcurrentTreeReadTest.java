package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One container read at the same time by many threads of this JVM and by a second JVM. */
class ConcurrentTreeReadTest {
  @TempDir Path tmp;

  private Path container() throws IOException {
    Path src = tmp.resolve("src");
    Random rnd = new Random(9);
    for (int i = 0; i < 1500; i++) {
      byte[] b = new byte[rnd.nextInt(4000)];
      rnd.nextBytes(b);
      Path p = src.resolve("d" + (i % 20) + "/s" + (i % 3) + "/f" + i + ".bin");
      Files.createDirectories(p.getParent());
      Files.write(p, b);
    }
    return PackedTrees.pack(src, tmp.resolve("shared.des"), PackOptions.defaults());
  }

  @Test
  void anotherProcessAndManyThreadsReadTheSameContainerAtOnce() throws Exception {
    Path c = container();
    String expected;
    try (FileTree t = FileTrees.open(tmp.resolve("src"))) {
      expected = ReadEverythingMain.digest(t);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ReadEverythingMain.class.getName(), c.toString(), "8").redirectErrorStream(true).start();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (FileTree tree = FileTrees.open(c);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo("open");
      List<Future<String>> ours = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        ours.add(pool.submit(() -> ReadEverythingMain.digest(tree)));
      }
      in.write("go\n");
      in.flush();
      for (int round = 0; round < 3; round++) {
        assertThat(ReadEverythingMain.digest(tree)).isEqualTo(expected);
      }
      for (Future<String> f : ours) {
        assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
      }
      String theirs = out.readLine();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue()).as(theirs).isZero();
      assertThat(theirs).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
      child.destroyForcibly();
    }
  }
}
