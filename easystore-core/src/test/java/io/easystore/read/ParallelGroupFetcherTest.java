package io.easystore.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Batches fetch their groups of neighbours in parallel, never more at once than configured. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelGroupFetcherTest {
  static final int ENTRIES = 64;
  @TempDir Path tmp;
  byte[] container;
  List<String> names = new ArrayList<>();

  @BeforeEach
  void build() throws IOException {
    container = build(WriterOptions.v1());
    for (int i = 0; i < ENTRIES; i++) {
      names.add("f" + i);
    }
  }

  byte[] build(WriterOptions options) throws IOException {
    Path p = tmp.resolve("c" + options.formatVersion() + ".des");
    try (DesWriter w = DesWriter.create(p, options)) {
      for (int i = 0; i < ENTRIES; i++) {
        w.addFile("f" + i, body(i));
      }
    }
    return Files.readAllBytes(p);
  }

  static byte[] body(int i) {
    byte[] b = new byte[1000 + i];
    java.util.Arrays.fill(b, (byte) i);
    return b;
  }

  /** Every other entry, so that with no merge gap each is its own group. */
  List<String> everyOther() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i += 2) {
      out.add(names.get(i));
    }
    return out;
  }

  /** Counts reads in flight; the first {@code barrierParties} body reads wait for each other. */
  static final class GatedSource implements RangeSource {
    final RangeSource delegate;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final CyclicBarrier barrier;
    final AtomicBoolean gateOpen = new AtomicBoolean();
    volatile boolean armed;
    volatile long failAt = -1;

    GatedSource(byte[] bytes, int barrierParties) {
      delegate = RangeSources.memory("gated.des", bytes);
      barrier = barrierParties > 1 ? new CyclicBarrier(barrierParties, () -> gateOpen.set(true)) : null;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      if (!armed) {
        return delegate.read(position, dst);
      }
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      reads.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      try {
        if (position == failAt) {
          throw new CorruptContainerException(name(), position, null, "injected failure");
        }
        if (barrier != null && !gateOpen.get()) {
          // Passes only once `parties` reads are in flight together: proof of parallelism
          // without measuring time. A sequential fetcher would time out here.
          barrier.await(30, TimeUnit.SECONDS);
        }
        return delegate.read(position, dst);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new IOException("reads did not run in parallel: " + e, e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  @Test
  void groupsAreFetchedConcurrentlyUpToTheBound() throws IOException {
    GatedSource src = new GatedSource(container, 4);
    try (DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(4))) {
      src.armed = true;
      Map<String, byte[]> got = r.getFiles(everyOther(), 0);
      assertThat(got).hasSize(ENTRIES / 2);
      for (int i = 0; i < ENTRIES; i += 2) {
        assertThat(got.get("f" + i)).isEqualTo(body(i));
      }
      assertThat(src.reads.get()).as("one read per group").isEqualTo(ENTRIES / 2);
      assertThat(src.maxInFlight.get()).isEqualTo(4);
      assertThat(src.threads).contains(Thread.currentThread().getName());
    }
  }

  @Test
  void v2BatchesFetchTheirGroupsConcurrentlyToo() throws IOException {
    GatedSource src = new GatedSource(build(WriterOptions.defaults().withCodec(io.easystore.codec.CodecId.NONE)), 4);
    try (DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(4))) {
      assertThat(r.formatVersion()).isEqualTo(2);
      src.armed = true;
      Map<String, byte[]> got = r.getFiles(everyOther(), 0);
      for (int i = 0; i < ENTRIES; i += 2) {
        assertThat(got.get("f" + i)).isEqualTo(body(i));
      }
      assertThat(List.copyOf(got.keySet())).isEqualTo(everyOther());
      assertThat(src.reads.get()).as("one read per group; the index lies in the tail").isEqualTo(ENTRIES / 2);
      assertThat(src.maxInFlight.get()).isEqualTo(4);
    }
  }

  @Test
  void concurrencyOneReadsOnTheCallingThreadOnly() throws IOException {
    GatedSource src = new GatedSource(container, 1);
    try (DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(1))) {
      src.armed = true;
      assertThat(r.getFiles(everyOther(), 0)).hasSize(ENTRIES / 2);
      assertThat(src.maxInFlight.get()).isEqualTo(1);
      assertThat(src.threads).containsExactly(Thread.currentThread().getName());
    }
  }

  @Test
  void neighboursStillMergeIntoOneRead() throws IOException {
    GatedSource src = new GatedSource(container, 1);
    try (DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(8))) {
      src.armed = true;
      assertThat(r.getFiles(everyOther())).hasSize(ENTRIES / 2);
      assertThat(src.reads.get()).isEqualTo(1);
    }
  }

  @Test
  void theFirstFailureStopsTheBatchAndKeepsItsType() throws IOException {
    GatedSource src = new GatedSource(container, 1);
    try (DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(3))) {
      src.failAt = r.entry("f10").dataOffset();
      src.armed = true;
      assertThatThrownBy(() -> r.getFiles(everyOther(), 0))
          .isInstanceOf(CorruptContainerException.class).hasMessageContaining("injected failure");
      // The reader stays usable.
      src.failAt = -1;
      assertThat(r.getFiles(List.of("f10", "f11"))).hasSize(2);
    }
  }

  @Test
  void batchConcurrencyIsValidated() {
    assertThatThrownBy(() -> ReaderOptions.defaults().withBatchConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchConcurrency");
    assertThatThrownBy(() -> ReaderOptions.defaults().withBatchConcurrency(ReaderOptions.MAX_BATCH_CONCURRENCY + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReaderOptions.defaults().batchConcurrency()).isEqualTo(ReaderOptions.DEFAULT_BATCH_CONCURRENCY);
  }
}
