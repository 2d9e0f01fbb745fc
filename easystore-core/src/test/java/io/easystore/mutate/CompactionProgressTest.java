package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** des compact shows progress with a known total: the count announced first is the count copied. */
class CompactionProgressTest {
  @TempDir Path tmp;

  @Test
  void compactionAnnouncesItsLiveEntriesAndReportsEachOneCopied() throws IOException {
    Path c = tmp.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      for (int i = 0; i < 10; i++) {
        w.addFile("d/" + i, ("body " + i).getBytes(StandardCharsets.UTF_8));
      }
      w.addDirectory("empty", EntryAttributes.NONE);
    }
    AtomicLong total = new AtomicLong(-1);
    AtomicLong copied = new AtomicLong();
    try (DesUpdater u = DesUpdater.open(c)) {
      u.delete("d/3");
      u.commit();
      u.compact(total::set, copied::addAndGet);
    }
    assertThat(total.get()).isEqualTo(copied.get());
    assertThat(copied.get()).as("9 files and the directories d and empty").isEqualTo(11);
  }
}
