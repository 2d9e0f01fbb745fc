package io.easystore.internal.io;


import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every local publisher follows one durability rule: fsync the file, atomic rename, fsync the directory. */
class AtomicPublishTest {
  @TempDir Path tmp;
  private final List<String> log = new ArrayList<>();

  private void record() {
    AtomicFiles.ops = new AtomicFiles.FileOps() {
      @Override
      public void syncFile(Path file) throws IOException {
        log.add("sync " + file.getFileName());
        AtomicFiles.SYSTEM.syncFile(file);
      }

      @Override
      public void move(Path temp, Path target) throws IOException {
        log.add("move " + temp.getFileName() + " -> " + target.getFileName());
        AtomicFiles.SYSTEM.move(temp, target);
      }

      @Override
      public void link(Path temp, Path target) throws IOException {
        log.add("link " + temp.getFileName() + " -> " + target.getFileName());
        AtomicFiles.SYSTEM.link(temp, target);
      }

      @Override
      public void syncDirectory(Path dir) throws IOException {
        log.add("syncdir " + dir.getFileName());
        AtomicFiles.SYSTEM.syncDirectory(dir);
      }
    };
  }

  @AfterEach
  void restore() {
    AtomicFiles.ops = AtomicFiles.SYSTEM;
  }

  @Test
  void writerPublishSyncsTheFileBeforeTheRenameAndTheDirectoryAfter() throws IOException {
    Path dir = tmp.resolve("out");
    Path c = dir.resolve("c.des");
    record();
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", "alpha".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(log).hasSize(3);
    assertThat(log.get(0)).startsWith("sync .c.des.").endsWith(".tmp");
    assertThat(log.get(1)).isEqualTo("move " + log.get(0).substring(5) + " -> c.des");
    assertThat(log.get(2)).isEqualTo("syncdir out");
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).containsExactly("a");
    }
  }

  @Test
  void compactionPublishesByTheSameDurabilityRule() throws IOException {
    Path c = tmp.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", "alpha".getBytes(StandardCharsets.UTF_8));
      w.addFile("b", "beta".getBytes(StandardCharsets.UTF_8));
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.delete("a");
      u.commit();
      record();
      u.compact();
    }
    assertThat(log).containsExactly("sync c.des.compacting", "move c.des.compacting -> c.des",
        "syncdir " + tmp.getFileName());
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).containsExactly("b");
    }
  }

  @Test
  void failedRenameLeavesTheOldFileAndNoDirectorySync() throws IOException {
    Path c = tmp.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("old", new byte[] {1});
    }
    AtomicFiles.ops = new AtomicFiles.FileOps() {
      @Override
      public void syncFile(Path file) throws IOException {
        log.add("sync");
      }

      @Override
      public void move(Path temp, Path target) throws IOException {
        throw new java.nio.file.AtomicMoveNotSupportedException(temp.toString(), target.toString(), "test");
      }

      @Override
      public void link(Path temp, Path target) {
        throw new AssertionError();
      }

      @Override
      public void syncDirectory(Path dir) {
        log.add("syncdir");
      }
    };
    DesWriter w = DesWriter.create(c);
    w.addFile("new", new byte[] {2});
    org.assertj.core.api.Assertions.assertThatThrownBy(w::close)
        .isInstanceOf(java.nio.file.AtomicMoveNotSupportedException.class);
    restore();
    assertThat(log).containsExactly("sync");
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).containsExactly("old");
    }
  }

  @Test
  void publishNewWithoutHardLinksRenamesAtomicallyAndNeverReplaces() throws IOException {
    AtomicFiles.ops = new AtomicFiles.FileOps() {
      @Override
      public void syncFile(Path file) throws IOException {
        log.add("sync");
      }

      @Override
      public void move(Path temp, Path target) throws IOException {
        log.add("move");
        AtomicFiles.SYSTEM.move(temp, target);
      }

      @Override
      public void link(Path temp, Path target) {
        throw new UnsupportedOperationException("no hard links here");
      }

      @Override
      public void syncDirectory(Path dir) {
        log.add("syncdir");
      }
    };
    Path target = tmp.resolve("h.rec");
    Path temp = java.nio.file.Files.write(tmp.resolve("t1"), new byte[] {1});
    AtomicFiles.publishNew(temp, target);
    assertThat(log).containsExactly("sync", "move", "syncdir");
    assertThat(java.nio.file.Files.readAllBytes(target)).containsExactly(1);
    log.clear();
    Path second = java.nio.file.Files.write(tmp.resolve("t2"), new byte[] {2});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.publishNew(second, target))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(log).containsExactly("sync");
    assertThat(java.nio.file.Files.readAllBytes(target)).as("the first file stays").containsExactly(1);
  }
}
