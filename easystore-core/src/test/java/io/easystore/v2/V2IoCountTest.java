package io.easystore.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Counts the reads a v2 reader issues on a real local file (the local branch, as
 * {@link DesReader#open(Path)} takes it): at open one read of the tail, plus one of the 32-byte
 * header when the file is larger than the 64 KiB tail window; per cold lookup at most one page per
 * level below the root plus the body.
 */
class V2IoCountTest {
  @TempDir Path tmp;

  /** Counts calls; every read is served whole, as one request would be. */
  static final class CountingSource extends io.easystore.io.ForwardingRangeSource {
    final AtomicInteger reads = new AtomicInteger();
    final List<long[]> ranges = new ArrayList<>();

    CountingSource(RangeSource delegate) {
      super(delegate);
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      reads.incrementAndGet();
      synchronized (ranges) {
        ranges.add(new long[] {position, dst.remaining()});
      }
      return delegate.read(position, dst);
    }
  }

  private static final int TAIL_WINDOW = 64 << 10;

  /**
   * What DesReader's javadoc and the README promise for a local v2 container no updater touched:
   * one read (the tail) when the file fits the 64 KiB tail window, two (tail, then the 32-byte
   * header for the update anchor) when it does not, and no further reads: with no lock file beside
   * it, no commit state or anchor chain is parsed.
   */
  @ParameterizedTest
  @CsvSource({"10, false", "40000, true"})
  void localOpenOfANeverUpdatedContainerCostsWhatTheDocsSay(int n, boolean largerThanTail) throws IOException {
    Path out = tmp.resolve("plain" + n + ".des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      for (int i = 0; i < n; i++) {
        w.addFile("dir/f" + i, ("body-" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    long size = Files.size(out);
    assertThat(size > TAIL_WINDOW).as("file of %d bytes larger than the tail window", size).isEqualTo(largerThanTail);
    assertThat(out.resolveSibling(out.getFileName() + ".lock")).doesNotExist();
    CountingSource counting = new CountingSource(RangeSources.file(out));
    try (DesReader r = DesReader.open(counting, ReaderOptions.defaults())) {
      List<long[]> ranges;
      synchronized (counting.ranges) {
        ranges = new ArrayList<>(counting.ranges);
      }
      assertThat(counting.reads.get()).as("reads at open").isEqualTo(largerThanTail ? 2 : 1);
      long tailLen = Math.min(size, TAIL_WINDOW);
      assertThat(ranges.get(0)).as("first read: the tail").containsExactly(size - tailLen, tailLen);
      if (largerThanTail) {
        assertThat(ranges.get(1)).as("second read: the header").containsExactly(0L, 32L);
      }
      assertThat(r.stats().entries()).isEqualTo(n);
    }
  }

  @ParameterizedTest
  @CsvSource({"10, 1", "3000, 1", "40000, 2", "8000, 2"})
  void openIsOneReadAndColdLookupsOnePagePerLevel(int n, int minLevels) throws IOException {
    Path out = tmp.resolve("c" + n + ".des");
    // Long shared prefixes for the 8000 case make the index outgrow the tail.
    String prefix = n == 8000 ? "deep/" + "p".repeat(200) + "/" : "dir/";
    Random rnd = new Random(n);
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      for (int i = 0; i < n; i++) {
        w.addFile(prefix + "f" + i, ("body-" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    // A real file, so that the reader sees the local path and takes the branch DesReader.open(Path) takes.
    CountingSource counting = new CountingSource(RangeSources.file(out));
    assertThat(RangeSources.localPath(counting)).isEqualTo(out);
    try (DesReader r = DesReader.open(counting, ReaderOptions.defaults().withPageCacheBytes(0))) {
      assertThat(counting.reads.get()).as("reads at open").isEqualTo(Files.size(out) > TAIL_WINDOW ? 2 : 1);
      assertThat(counting.ranges.get(0)[1]).isLessThanOrEqualTo(64 << 10);
      int levels = r.stats().indexLevels();
      assertThat(levels).isGreaterThanOrEqualTo(minLevels);
      for (int k = 0; k < 50; k++) {
        int i = rnd.nextInt(n);
        counting.reads.set(0);
        assertThat(new String(r.getFile(prefix + "f" + i), StandardCharsets.UTF_8)).isEqualTo("body-" + i);
        assertThat(counting.reads.get()).as("reads for a cold lookup with %d levels", levels)
            .isLessThanOrEqualTo(levels);
      }
      if (levels == 1) {
        counting.reads.set(0);
        r.list("dir");
        assertThat(counting.reads.get()).as("a listing inside the tail reads nothing").isZero();
      }
    }
  }
}
