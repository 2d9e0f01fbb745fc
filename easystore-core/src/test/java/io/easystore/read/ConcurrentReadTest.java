package io.easystore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
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

/** One open reader serves many threads at once with correct bytes. */
class ConcurrentReadTest {
  @TempDir Path tmp;

  @Test
  void manyThreadsReadTheSameReaderCorrectly() throws Exception {
    Path out = tmp.resolve("c.des");
    List<byte[]> bodies = new ArrayList<>();
    Random rnd = new Random(42);
    try (DesWriter w = DesWriter.create(out)) {
      for (int i = 0; i < 500; i++) {
        byte[] b = new byte[rnd.nextInt(9000)];
        rnd.nextBytes(b);
        bodies.add(b);
        w.addFile("f" + i, b);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (DesReader r = DesReader.open(out)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = t;
        results.add(pool.submit(() -> {
          Random local = new Random(seed);
          int checked = 0;
          for (int k = 0; k < 2000; k++) {
            int i = local.nextInt(bodies.size());
            byte[] got = local.nextBoolean() ? r.getFile("f" + i) : r.openStream("f" + i).readAllBytes();
            assertThat(got).isEqualTo(bodies.get(i));
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(2000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
