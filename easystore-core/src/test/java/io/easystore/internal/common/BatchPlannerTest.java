package io.easystore.internal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchPlannerTest {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyRangeIsServedOnceAndGroupsRespectGapAndSize(long seed) {
    Random rnd = new Random(seed);
    int n = rnd.nextInt(60);
    long maxGap = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(5000);
    long maxGroup = 1 + rnd.nextInt(20_000);
    List<BatchPlanner.Range> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranges.add(new BatchPlanner.Range(i, rnd.nextInt(100_000), rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(4000)));
    }
    List<BatchPlanner.Group> groups = BatchPlanner.plan(ranges, maxGap, maxGroup);
    Set<Integer> served = new HashSet<>();
    long previousStart = Long.MIN_VALUE;
    for (BatchPlanner.Group g : groups) {
      assertThat(g.start()).isGreaterThanOrEqualTo(previousStart);
      boolean single = g.members().size() == 1;
      assertThat(single || g.length() <= maxGroup).isTrue();
      for (BatchPlanner.Range r : g.members()) {
        assertThat(served.add(r.id())).isTrue();
        assertThat(r.offset()).isGreaterThanOrEqualTo(g.start());
        assertThat(r.end()).isLessThanOrEqualTo(g.end());
      }
      previousStart = g.start();
    }
    assertThat(served).hasSize(n);
    // Neighbouring groups were split for a reason: a gap above maxGap or the size bound.
    for (int i = 1; i < groups.size(); i++) {
      BatchPlanner.Group a = groups.get(i - 1);
      BatchPlanner.Group b = groups.get(i);
      boolean gapTooWide = b.start() - a.end() > maxGap;
      boolean wouldBeTooBig = Math.max(a.end(), b.members().get(0).end()) - a.start() > maxGroup;
      assertThat(gapTooWide || wouldBeTooBig).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void adjacentRangesWithinTheGapBecomeOneRead(long seed) {
    Random rnd = new Random(seed);
    List<BatchPlanner.Range> ranges = new ArrayList<>();
    long pos = 16;
    for (int i = 0; i < 20; i++) {
      int len = rnd.nextInt(1000);
      ranges.add(new BatchPlanner.Range(i, pos, len));
      pos += len + rnd.nextInt(100);
    }
    assertThat(BatchPlanner.plan(ranges, 100, Long.MAX_VALUE)).hasSize(1);
  }
}
