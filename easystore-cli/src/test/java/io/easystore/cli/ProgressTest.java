package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar's arithmetic, rendered into a buffer instead of a terminal. */
class ProgressTest {
  private static String render(java.util.function.Consumer<Progress> work, long total) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (Progress p = Progress.bar(new PrintStream(buf, true, StandardCharsets.UTF_8), "task", total, "files")) {
      work.accept(p);
    }
    String all = buf.toString(StandardCharsets.UTF_8);
    String[] frames = all.split("\r");
    return frames[frames.length - 1];
  }

  @Test
  void aTotalLearnedLaterGivesAPercentageAndTheEndShowsAllDone() {
    String last = render(p -> {
      p.step(3);
      p.total(10);
      p.step(7);
    }, -1);
    assertThat(last).contains("100%").contains("10/10");
  }

  @Test
  void aLowEstimateIsRaisedSoTheBarNeverPassesAHundredPercent() {
    String last = render(p -> {
      p.total(5);
      p.step(8);
    }, -1);
    assertThat(last).contains("100%").contains("8/8").doesNotContain("160%");
  }

  @Test
  void anUnknownTotalEndsAsTheCountDone() {
    String last = render(p -> p.step(4), -1);
    assertThat(last).contains("100%").contains("4/4").doesNotContain("? %").doesNotContain("/?");
  }

  @Test
  void theExtraTextIsSeparatedFromTheRate() {
    String last = render(p -> {
      p.step(2);
      p.extra("(1.0 MiB)");
    }, 2);
    assertThat(last).contains(" (1.0 MiB)").doesNotContainPattern("/s\\(");
  }
}
