package io.easystore.els;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers running beside a writer see whole values only. Counts, not timings, are asserted. */
class ConcurrentReadTest {
  @TempDir Path tmp;

  @Test
  void readersSeeTheOldOrTheNewValueWhileAWriterReplacesIt() throws Exception {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    byte[] a = new byte[20_000];
    byte[] b = new byte[7_000];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    ElsBucket bucket = s.bucket(List.of("hot"));
    bucket.put("k", a);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        readers.add(pool.submit(() -> {
          ElsStore reader = ElsStore.open(s.directory(), ElsOptions.defaults().withCreate(false));
          int reads = 0;
          while (!done.get() || reads < 10) {
            Optional<byte[]> v = reader.bucket(List.of("hot")).get("k");
            assertThat(v).isPresent();
            assertThat(v.get()).satisfiesAnyOf(x -> assertThat(x).isEqualTo(a), x -> assertThat(x).isEqualTo(b));
            reads++;
          }
          return reads;
        }));
      }
      for (int i = 0; i < 40; i++) {
        bucket.put("k", i % 2 == 0 ? b : a);
      }
      bucket.put("k", a);
      done.set(true);
      for (Future<Integer> f : readers) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10);
      }
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void readersSeeWholeAppendsOnly() throws Exception {
    ElsStore s = ElsStore.open(tmp.resolve("s"), ElsOptions.defaults().withSync(false));
    byte[] piece = new byte[1500];
    for (int i = 0; i < piece.length; i++) {
      piece[i] = (byte) i;
    }
    ElsBucket bucket = s.rootBucket();
    bucket.put("log", new byte[0]);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> reader = pool.submit(() -> {
        ElsStore r = ElsStore.open(s.directory(), ElsOptions.defaults().withCreate(false));
        int reads = 0;
        while (!done.get() || reads < 10) {
          byte[] v = r.rootBucket().get("log").orElseThrow();
          assertThat(v.length % piece.length).isZero();
          for (int off = 0; off < v.length; off += piece.length) {
            assertThat(Arrays.copyOfRange(v, off, off + piece.length)).isEqualTo(piece);
          }
          reads++;
        }
        return reads;
      });
      for (int i = 0; i < 40; i++) {
        bucket.append("log", piece);
      }
      done.set(true);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10);
      assertThat(bucket.get("log").orElseThrow()).hasSize(40 * piece.length);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
  }
}
