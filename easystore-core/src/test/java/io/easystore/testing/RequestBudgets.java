package io.easystore.testing;

import io.easystore.remote.RemoteOptions;
import io.easystore.io.RequestStats;
import io.easystore.remote.RemoteRangeSource;

import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The request budget of container reads over a remote source, asserted exactly. Shared by the HTTP
 * (Jetty) and S3 (S3Proxy) tests.
 *
 * <p>Every operation runs twice: on a reader over the remote source, and on a reader with the same
 * options over a local source that records the reads the reader issues. The remote source must
 * turn those reads into exactly the predicted requests: none for bytes inside the tail fetched at
 * open, one per {@link RemoteOptions#maxRequestBytes()} for the part of a read before it. The
 * budget itself is then asserted on the remote counts: open 1 (v1: 2 when the index lies outside
 * the tail); a cold lookup (open included) at most {@code height + 1} and exactly that for the
 * first entry, 2 when the whole index lies in the tail; a warm lookup 1; a batch one request per
 * group of neighbours (per {@link RemoteOptions#maxRequestBytes()} of a group, which only a group
 * above 8 MiB exceeds).
 */
public final class RequestBudgets {
  /** Opens a new remote source over the published container. */
  public interface Opener {
    RemoteRangeSource open() throws IOException;
  }

  /**
   * What was measured (remote requests and bytes).
   *
   * @param height index levels (1 for v1)
   * @param open requests to open
   * @param coldFirst requests for open + first lookup
   * @param coldFirstBytes bytes for open + first lookup
   * @param coldMax most requests of any sampled cold lookup (open included)
   * @param warm requests for a repeated lookup
   * @param batchConsecutive requests for 100 consecutive entries
   * @param batchSpread requests for 100 entries spread over the container
   * @param spreadGroups groups planned for the spread batch
   */
  public record Report(String label, int height, long open, long coldFirst, long coldFirstBytes, long coldMax,
      long warm, long batchConsecutive, long batchSpread, long spreadGroups) {}

  private static final ReaderOptions OPTIONS = ReaderOptions.defaults();

  private RequestBudgets() {}

  /** Runs every check on {@code c} (whose bytes are {@code content}) and returns the figures. */
  public static Report check(BudgetContainer c, byte[] content, Opener opener) throws IOException {
    Random rnd = new Random(c.entries());
    int first = 0;
    List<Integer> sample = new ArrayList<>(List.of(first, 1, c.entries() / 2, c.entries() - 1));
    for (int k = 0; k < 6; k++) {
      sample.add(rnd.nextInt(c.entries()));
    }

    // Open, and a cold lookup of each sampled entry on a fresh reader.
    long open = -1;
    long coldFirst = -1;
    long coldFirstBytes = -1;
    long coldMax = 0;
    int height = -1;
    for (int i : sample) {
      try (Pair p = new Pair(c, content, opener, OPTIONS)) {
        RequestStats.Snapshot opened = p.remoteStats();
        ContainerStats stats = p.remote.stats();
        height = c.format() == 1 ? 1 : stats.indexLevels();
        if (open < 0) {
          open = opened.requests();
          assertThat(opened).as("%s: open", c).isEqualTo(p.predicted());
          boolean indexInTail = stats.indexStart() >= p.source.tailOffset();
          assertThat(open).as("%s: requests to open", c)
              .isEqualTo(c.format() == 2 || indexInTail ? 1 : 2);
        }
        p.both(r -> assertThat(r.getFile(c.name(i))).isEqualTo(c.body(i)));
        RequestStats.Snapshot total = p.remoteStats();
        assertThat(total).as("%s: cold lookup of entry %d", c, i).isEqualTo(p.predicted());
        assertThat(total.requests()).as("%s: cold lookup with %d levels", c, height)
            .isLessThanOrEqualTo(c.format() == 1 ? open + 1 : height + 1);
        coldMax = Math.max(coldMax, total.requests());
        if (i == first) {
          coldFirst = total.requests();
          coldFirstBytes = total.bytes();
          assertThat(bodyBeforeTail(p.remote.entry(c.name(i)), p.source)).as("%s: first body outside the tail", c)
              .isTrue();
          assertThat(coldFirst).as("%s: cold lookup of the first entry", c)
              .isEqualTo(c.format() == 1 ? open + 1 : height + 1);
        }

        // The same entry again: the index path is cached, only the body is read.
        p.both(r -> r.getFile(c.name(i)));
        RequestStats.Snapshot warm = p.remoteStats().minus(total);
        assertThat(warm).as("%s: warm lookup of entry %d", c, i).isEqualTo(p.predicted().minus(total));
        assertThat(warm.requests()).as("%s: warm lookup", c)
            .isEqualTo(bodyBeforeTail(p.remote.entry(c.name(i)), p.source) ? 1 : 0);
      }
    }
    assertThat(height).as("%s: index levels", c).isLessThanOrEqualTo(c.maxHeight());

    // A pinned index, walked once: every lookup and every batch then costs only bodies.
    long warm;
    long consecutive;
    long spread;
    long spreadGroups;
    try (Pair p = new Pair(c, content, opener, OPTIONS.withPinnedIndex())) {
      p.both(r -> {
        long[] walked = new long[1];
        try (Stream<IndexEntry> s = r.entries()) {
          // forEach, not count(): a sized stream may count without walking.
          s.forEach(e -> walked[0]++);
        }
        assertThat(walked[0]).isGreaterThanOrEqualTo(c.entries());
      });
      RequestStats.Snapshot before = p.remoteStats();
      p.both(r -> r.getFile(c.name(first)));
      warm = p.remoteStats().minus(before).requests();
      assertThat(warm).as("%s: warm lookup with the index pinned", c).isEqualTo(1);

      List<String> run = new ArrayList<>();
      for (int i = 0; i < Math.min(100, c.entries()); i++) {
        run.add(c.name(i));
      }
      consecutive = batch(p, c, run, ReaderOptions.DEFAULT_MAX_GAP);
      assertThat(consecutive).as("%s: batch of %d neighbours", c, run.size()).isEqualTo(1);

      List<String> spreadNames = new ArrayList<>();
      int step = Math.max(1, c.entries() / 100);
      for (int i = 0; i < c.entries(); i += step) {
        spreadNames.add(c.name(i));
      }
      long[] planned = plan(p, spreadNames, ReaderOptions.DEFAULT_MAX_GAP);
      spreadGroups = planned[0];
      spread = batch(p, c, spreadNames, ReaderOptions.DEFAULT_MAX_GAP);
      assertThat(spread).as("%s: batch of %d entries %d apart (%d groups)", c, spreadNames.size(), step, planned[0])
          .isEqualTo(planned[1]);
      long[] unmerged = plan(p, spreadNames, 0);
      assertThat(unmerged[0]).as("%s: no neighbours without a gap", c).isEqualTo(step == 1 ? 1 : spreadNames.size());
      long noMerge = batch(p, c, spreadNames, 0);
      assertThat(noMerge).as("%s: batch without merging", c).isEqualTo(unmerged[1]);
    }
    return new Report(c.label(), height, open, coldFirst, coldFirstBytes, coldMax, warm, consecutive, spread,
        spreadGroups);
  }

  private static long batch(Pair p, BudgetContainer c, List<String> names, long gap) throws IOException {
    RequestStats.Snapshot before = p.remoteStats();
    RequestStats.Snapshot predictedBefore = p.predicted();
    p.both(r -> {
      Map<String, byte[]> got = r.getFiles(names, gap);
      assertThat(got.keySet()).containsExactlyElementsOf(names);
      for (String n : names) {
        int i = Integer.parseInt(n.substring(n.lastIndexOf('f') + 1));
        assertThat(got.get(n)).isEqualTo(c.body(i));
      }
    });
    RequestStats.Snapshot cost = p.remoteStats().minus(before);
    assertThat(cost).as("%s: batch of %d, gap %d", c, names.size(), gap)
        .isEqualTo(p.predicted().minus(predictedBefore));
    return cost.requests();
  }

  /**
   * Plans groups of neighbours as the reader does and returns {groups, requests}: a group costs
   * one request per {@link RemoteOptions#maxRequestBytes()} of its part before the tail.
   */
  private static long[] plan(Pair p, List<String> names, long gap) throws IOException {
    List<IndexEntry> es = new ArrayList<>();
    for (String n : names) {
      es.add(p.remote.entry(n));
    }
    es.sort(Comparator.comparingLong(IndexEntry::dataOffset));
    List<long[]> groups = new ArrayList<>();
    for (IndexEntry e : es) {
      long end = e.dataOffset() + e.storedLength();
      long[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && e.dataOffset() - last[1] <= gap && Math.max(last[1], end) - last[0] <= OPTIONS.maxBatchBytes()) {
        last[1] = Math.max(last[1], end);
      } else {
        groups.add(new long[] {e.dataOffset(), end});
      }
    }
    long requests = 0;
    int max = RemoteOptions.defaults().maxRequestBytes();
    for (long[] g : groups) {
      long before = Math.min(g[1], p.source.tailOffset()) - g[0];
      requests += before <= 0 ? 0 : (before + max - 1) / max;
    }
    return new long[] {groups.size(), requests};
  }

  private static boolean bodyBeforeTail(IndexEntry e, RemoteRangeSource s) {
    return e.storedLength() > 0 && e.dataOffset() < s.tailOffset();
  }

  interface ReaderAction {
    void run(DesReader r) throws IOException;
  }

  /** A reader over the remote source and one over a local recording source, driven alike. */
  private static final class Pair implements AutoCloseable {
    final RemoteRangeSource source;
    final DesReader remote;
    final Recorder recorder;
    final DesReader model;

    Pair(BudgetContainer c, byte[] content, Opener opener, ReaderOptions options) throws IOException {
      source = opener.open();
      remote = DesReader.open(source, options);
      recorder = new Recorder(RangeSources.memory(c.label(), content), source.tailOffset(), source.size());
      model = DesReader.open(recorder, options);
    }

    void both(ReaderAction a) throws IOException {
      a.run(remote);
      a.run(model);
    }

    RequestStats.Snapshot remoteStats() {
      return source.stats();
    }

    /** What the remote source should have cost for the reads the model reader issued. */
    RequestStats.Snapshot predicted() {
      return recorder.predicted(RemoteOptions.defaults().maxRequestBytes());
    }

    @Override
    public void close() throws IOException {
      remote.close();
      model.close();
    }
  }

  /** Records reads; predicts the requests a pinned remote source with this tail would send. */
  private static final class Recorder extends io.easystore.io.ForwardingRangeSource {
    private final long tailOffset;
    private final long size;
    private final List<long[]> reads = new ArrayList<>();

    Recorder(RangeSource delegate, long tailOffset, long size) {
      super(delegate);
      this.tailOffset = tailOffset;
      this.size = size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      synchronized (reads) {
        reads.add(new long[] {position, Math.min(dst.remaining(), Math.max(0, size - position))});
      }
      return delegate.read(position, dst);
    }

    RequestStats.Snapshot predicted(int maxRequestBytes) {
      long requests = 1;
      long bytes = size - tailOffset;
      synchronized (reads) {
        for (long[] r : reads) {
          long pos = r[0];
          long end = Math.min(pos + r[1], tailOffset);
          // A remote read returns at most maxRequestBytes before the tail; readFully asks again.
          while (pos < end) {
            long n = Math.min(end - pos, maxRequestBytes);
            requests++;
            bytes += n;
            pos += n;
          }
        }
      }
      return new RequestStats.Snapshot(requests, bytes, 0);
    }
  }
}
