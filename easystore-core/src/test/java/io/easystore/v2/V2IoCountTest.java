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
 * Counts the reads a v2 reader issues, as a remote source would count requests: exactly one at
 * open (the tail), and per cold lookup at most one page per level below the root plus the body.
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
    CountingSource counting = new CountingSource(RangeSources.memory(out.toString(), Files.readAllBytes(out)));
    try (DesReader r = DesReader.open(counting, ReaderOptions.defaults().withPageCacheBytes(0))) {
      assertThat(counting.reads.get()).as("reads at open").isEqualTo(1);
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
