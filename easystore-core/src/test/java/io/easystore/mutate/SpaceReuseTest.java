package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Space freed by deletes and replacements is reused once no reader can still need it. */
class SpaceReuseTest {
  @TempDir
  Path dir;

  static final UpdateOptions RAW = UpdateOptions.defaults().withWriterOptions(WriterOptions.defaults()
      .withCodec(CodecId.NONE));

  static byte[] noise(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  Path container() throws IOException {
    Path c = dir.resolve("s.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      w.addFile("big", noise(200_000, 1));
      for (int i = 0; i < 20; i++) {
        w.addFile("small/" + i, noise(1000, 100 + i));
      }
    }
    return c;
  }

  @Test
  void bodiesOfDeletedEntriesAreReusedAndTheFileDoesNotGrow() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      u.put("later", noise(200_000, 5), null, null);
      u.commit();
    }
    long laterAt;
    try (DesReader r = DesReader.open(c)) {
      laterAt = r.entry("later").dataOffset();
    }
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      u.delete("later");
      u.commit();
      SpaceStats afterDelete = u.space();
      assertThat(afterDelete.deadBytes()).isGreaterThanOrEqualTo(200_000);
      long before = Files.size(c);
      u.put("new", noise(150_000, 2), null, null);
      u.commit();
      assertThat(Files.size(c)).as("the new body went into the freed extent").isLessThan(before + 20_000);
      assertThat(u.space().deadBytes()).isLessThan(afterDelete.deadBytes() - 140_000);
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.entry("new").dataOffset()).isBetween(laterAt, laterAt + 200_000 - 150_000);
      assertThat(r.getFile("new")).isEqualTo(noise(150_000, 2));
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void spaceThatExistedBeforeTheFirstUpdateIsOnlyReclaimedByCompaction() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      u.delete("big");
      u.commit();
      assertThat(u.space().deadBytes()).isGreaterThanOrEqualTo(200_000);
      long before = Files.size(c);
      u.put("new", noise(150_000, 2), null, null);
      u.commit();
      assertThat(Files.size(c)).as("a reader that opened before the lock file existed may still read 'big'")
          .isGreaterThan(before + 150_000);
      assertThat(u.compact().deadBytes()).isZero();
    }
  }

  @Test
  void anOpenReaderKeepsItsSnapshotIntactUntilItCloses() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      u.put("later", noise(200_000, 5), null, null);
      u.commit();
      DesReader old = DesReader.open(c);
      u.delete("later");
      u.commit();
      long before = Files.size(c);
      u.put("new", noise(150_000, 3), null, null);
      u.commit();
      assertThat(Files.size(c)).as("reuse is held back while a reader of the older generation is open")
          .isGreaterThan(before + 150_000);
      assertThat(old.getFile("later")).isEqualTo(noise(200_000, 5));
      assertThat(old.verify().problems()).isEmpty();
      old.close();
      before = Files.size(c);
      u.put("newer", noise(150_000, 4), null, null);
      u.commit();
      assertThat(Files.size(c)).isLessThan(before + 20_000);
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getFile("new")).isEqualTo(noise(150_000, 3));
      assertThat(r.getFile("newer")).isEqualTo(noise(150_000, 4));
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void replacedBodiesAreReusedByLaterCommitsOfTheSameSize() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 20; i++) {
          u.put("small/" + i, noise(1000, 1000 * round + i), null, null);
        }
        u.commit();
      }
      long settled = Files.size(c);
      for (int round = 3; round < 30; round++) {
        for (int i = 0; i < 20; i++) {
          u.put("small/" + i, noise(1000, 1000 * round + i), null, null);
        }
        u.commit();
      }
      assertThat(Files.size(c)).as("steady-state updates recycle space").isLessThan(settled + 64_000);
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getFile("small/7")).isEqualTo(noise(1000, 1000 * 29 + 7));
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void compactionDropsDeadSpaceAndKeepsEveryLiveEntry() throws IOException {
    Path c = container();
    try (DesUpdater u = DesUpdater.open(c, RAW)) {
      u.delete("big");
      u.rename("small", "moved", false);
      u.put("moved/extra", noise(5000, 9), null, null);
      u.commit();
      long before = Files.size(c);
      SpaceStats s = u.compact();
      assertThat(s.deadBytes()).isZero();
      assertThat(s.deltaSegments()).isZero();
      assertThat(s.fileBytes()).isLessThan(before - 190_000);
      u.put("after", new byte[] {4}, null, null);
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).hasSize(22).contains("moved/extra", "moved/3", "after");
      assertThat(r.getFile("moved/3")).isEqualTo(noise(1000, 103));
      assertThat(r.verify().problems()).isEmpty();
    }
    assertThat(Files.exists(c.resolveSibling("s.des.compacting"))).isFalse();
  }
}
