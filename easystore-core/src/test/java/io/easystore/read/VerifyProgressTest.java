package io.easystore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.VerifyListener;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.mutate.DesUpdater;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * des verify shows progress with a known total: every kind of container announces its entry count
 * before the first entry, then counts up by one per entry to exactly that total.
 */
class VerifyProgressTest {
  @TempDir Path tmp;

  /** What a listener heard. */
  private static final class Heard implements VerifyListener {
    long total = -1;
    int totalCalls;
    final List<Long> counts = new ArrayList<>();

    @Override
    public void total(long entries) {
      assertThat(counts).as("the total comes before the first entry").isEmpty();
      total = entries;
      totalCalls++;
    }

    @Override
    public void checked(long entries) {
      counts.add(entries);
    }
  }

  private static Heard verify(Path c) throws IOException {
    Heard h = new Heard();
    VerifyReport report;
    try (DesReader r = DesReader.open(c)) {
      report = r.verify(h);
    }
    assertThat(report.problems()).isEmpty();
    assertThat(h.totalCalls).isEqualTo(1);
    assertThat(h.total).isPositive().isEqualTo(report.entriesChecked());
    for (int i = 0; i < h.counts.size(); i++) {
      assertThat(h.counts.get(i)).as("count %d", i).isEqualTo(i + 1L);
    }
    assertThat(h.counts).hasSize((int) h.total);
    return h;
  }

  private static void write(Path c, WriterOptions o) throws IOException {
    try (DesWriter w = DesWriter.create(c, o)) {
      for (int i = 0; i < 7; i++) {
        w.addFile((o.formatVersion() == 1 ? "f" : "d/f") + i, ("body " + i).getBytes(StandardCharsets.UTF_8));
      }
      if (o.formatVersion() != 1) {
        w.addDirectory("empty", EntryAttributes.NONE);
      }
    }
  }

  @Test
  void v2VerifyCountsEveryFileAndDirectoryUpToTheAnnouncedTotal() throws IOException {
    Path c = tmp.resolve("v2.des");
    write(c, WriterOptions.defaults());
    assertThat(verify(c).total).as("7 files, d and empty").isEqualTo(9);
  }

  @Test
  void v1VerifyCountsEveryEntryUpToTheAnnouncedTotal() throws IOException {
    Path c = tmp.resolve("v1.des");
    write(c, WriterOptions.v1());
    assertThat(verify(c).total).isEqualTo(7);
  }

  @Test
  void updatedContainerVerifyCountsTheMergedViewUpToTheAnnouncedTotal() throws IOException {
    Path c = tmp.resolve("u.des");
    write(c, WriterOptions.defaults());
    try (DesUpdater u = DesUpdater.open(c)) {
      u.delete("d/f3");
      u.put("new", "added".getBytes(StandardCharsets.UTF_8), null, null);
      u.commit();
    }
    assertThat(verify(c).total).as("6 + 1 files, d and empty").isEqualTo(9);
  }

  @Test
  void fpackVerifyCountsEveryFileUpToTheAnnouncedTotal() throws IOException {
    verify(Fixtures.file("fp-dataset.fpack"));
  }

  @Test
  void plainVerifyStillWorksWithoutAListener() throws IOException {
    Path c = tmp.resolve("plain.des");
    write(c, WriterOptions.defaults());
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.verify().entriesChecked()).isEqualTo(9);
    }
  }
}
