package io.easystore.internal.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.mutate.ContainerLockedException;
import io.easystore.mutate.DesUpdater;
import io.easystore.mutate.UpdateOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operation of the updater, alone and combined, read back through plain readers and views. */
class DesUpdaterTest {
  @TempDir
  Path dir;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  Path packed(String... pathsAndBodies) throws IOException {
    Path c = dir.resolve("c.des");
    try (DesWriter w = DesWriter.create(c)) {
      for (int i = 0; i < pathsAndBodies.length; i += 2) {
        w.addFile(pathsAndBodies[i], utf8(pathsAndBodies[i + 1]));
      }
    }
    return c;
  }

  static String read(Path c, String path) throws IOException {
    try (DesReader r = DesReader.open(c)) {
      return new String(r.getFile(path), StandardCharsets.UTF_8);
    }
  }

  static List<String> files(Path c) throws IOException {
    try (DesReader r = DesReader.open(c)) {
      return r.listFiles();
    }
  }

  @Test
  void putCommitAndReopenShowsTheNewStateToPlainReaders() throws IOException {
    Path c = packed("a.txt", "alpha", "d/b.txt", "beta");
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("d/c.txt", utf8("gamma"), null, null);
      u.put("a.txt", utf8("ALPHA"), null, null);
      assertThat(u.hasPendingChanges()).isTrue();
      u.commit();
      assertThat(u.hasPendingChanges()).isFalse();
    }
    assertThat(files(c)).containsExactly("a.txt", "d/b.txt", "d/c.txt");
    assertThat(read(c, "a.txt")).isEqualTo("ALPHA");
    assertThat(read(c, "d/c.txt")).isEqualTo("gamma");
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.verify().problems()).isEmpty();
      assertThat(r.stats().liveEntries()).isEqualTo(3);
    }
  }

  @Test
  void deleteHidesAFileAndRollbackOrCloseDropsPendingChanges() throws IOException {
    Path c = packed("a", "1", "b", "2");
    try (DesUpdater u = DesUpdater.open(c)) {
      u.delete("a");
      u.commit();
      u.delete("b");
      u.put("x", utf8("3"), null, null);
      u.rollback();
      assertThat(u.hasPendingChanges()).isFalse();
      u.put("y", utf8("4"), null, null);
    }
    assertThat(files(c)).containsExactly("b");
    assertThat(Files.size(c)).isEqualTo(DesUpdater.space(c).fileBytes());
  }

  @Test
  void commitOnCloseCommits() throws IOException {
    Path c = packed("a", "1");
    try (DesUpdater u = DesUpdater.open(c, UpdateOptions.defaults().withCommitOnClose(true))) {
      u.put("b", utf8("2"), null, null);
    }
    assertThat(files(c)).containsExactly("a", "b");
  }

  @Test
  void createMakesAnEmptyContainerAndMissingOneIsRefusedOtherwise() throws IOException {
    Path c = dir.resolve("new.des");
    assertThatThrownBy(() -> DesUpdater.open(c)).isInstanceOf(NoSuchFileException.class);
    try (DesUpdater u = DesUpdater.open(c, UpdateOptions.defaults().withCreate(true))) {
      u.put("x/y/z", utf8("deep"), null, null);
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.isDirectory("x")).isTrue();
      assertThat(r.isDirectory("x/y")).isTrue();
      assertThat(new String(r.getFile("x/y/z"), StandardCharsets.UTF_8)).isEqualTo("deep");
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void directoriesFollowFileSystemRules() throws IOException {
    Path c = packed("d/f", "1", "g", "2");
    try (DesUpdater u = DesUpdater.open(c)) {
      assertThatThrownBy(() -> u.delete("d")).isInstanceOf(DirectoryNotEmptyException.class);
      assertThatThrownBy(() -> u.put("d", utf8("x"), null, null)).isInstanceOf(FileSystemException.class);
      assertThatThrownBy(() -> u.put("g/h", utf8("x"), null, null)).isInstanceOf(NotDirectoryException.class);
      assertThatThrownBy(() -> u.createDirectory("g", null)).isInstanceOf(FileAlreadyExistsException.class);
      assertThatThrownBy(() -> u.delete("nope")).isInstanceOf(NoSuchFileException.class);
      u.createDirectory("empty/inner", new EntryAttributes(1000, 0755));
      u.delete("d/f");
      u.delete("d");
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.exists("d")).isFalse();
      assertThat(r.isDirectory("empty/inner")).isTrue();
      assertThat(r.entry("empty/inner").mode()).isEqualTo(0755);
      assertThat(r.list("empty")).extracting(IndexEntry::name).containsExactly("empty/inner");
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void renameMovesFilesAndWholeDirectoriesWithoutCopyingBodies() throws IOException {
    Path c = packed("src/a", "A", "src/sub/b", "B", "other", "O");
    long bodyAt;
    try (DesReader r = DesReader.open(c)) {
      bodyAt = r.entry("src/sub/b").dataOffset();
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.rename("src", "dst/moved", false);
      assertThatThrownBy(() -> u.rename("other", "dst/moved/a", false)).isInstanceOf(FileAlreadyExistsException.class);
      u.rename("other", "dst/moved/a", true);
      assertThatThrownBy(() -> u.rename("dst", "dst/x", false)).isInstanceOf(FileSystemException.class);
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).containsExactly("dst/moved/a", "dst/moved/sub/b");
      assertThat(new String(r.getFile("dst/moved/a"), StandardCharsets.UTF_8)).isEqualTo("O");
      assertThat(r.entry("dst/moved/sub/b").dataOffset()).isEqualTo(bodyAt);
      assertThat(r.exists("src")).isFalse();
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void metadataAndAttributesSurviveRenameAndAttributeChanges() throws IOException {
    Path c = dir.resolve("m.des");
    ObjectNode meta = ReferenceJson.object();
    meta.put("mime", "text/plain");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", utf8("x"), meta, new EntryAttributes(5000, 0644));
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.rename("a", "b", false);
      u.setAttributes("b", new EntryAttributes(7000, 0600));
      u.commit();
      u.put("c", utf8("y"), meta, null);
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getMeta("b").get("mime").asText()).isEqualTo("text/plain");
      assertThat(r.entry("b").mtimeMillis()).isEqualTo(7000);
      assertThat(r.entry("b").mode()).isEqualTo(0600);
      assertThat(r.getMeta("c").get("mime").asText()).isEqualTo("text/plain");
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void viewsSeePendingChangesAsASnapshotAndOutliveTheUpdater() throws IOException {
    Path c = packed("a", "1");
    DesReader early;
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("b", utf8("2"), null, null);
      early = u.view();
      u.delete("a");
      try (DesReader v = u.view()) {
        assertThat(v.listFiles()).containsExactly("b");
      }
      assertThat(early.listFiles()).containsExactly("a", "b");
      u.commit();
    }
    try (DesReader v = early) {
      assertThat(new String(v.getFile("b"), StandardCharsets.UTF_8)).isEqualTo("2");
    }
  }

  @Test
  void aSecondWriterGetsContainerLockedException() throws IOException {
    Path c = packed("a", "1");
    try (DesUpdater u = DesUpdater.open(c)) {
      assertThatThrownBy(() -> DesUpdater.open(c)).isInstanceOf(ContainerLockedException.class)
          .hasMessageContaining(c.toString());
    }
    DesUpdater.open(c).close();
  }

  @Test
  void streamedBodiesLargerThanTheInMemoryLimitRoundTrip() throws IOException {
    Path c = packed("a", "1");
    byte[] big = new byte[(4 << 20) + 12345];
    new Random(7).nextBytes(big);
    for (int i = 0; i < big.length; i += 3) {
      big[i] = 0;
    }
    try (DesUpdater u = DesUpdater.open(c)) {
      u.put("big.bin", new ByteArrayInputStream(big), null, null);
      u.commit();
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getFile("big.bin")).isEqualTo(big);
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void v1ContainersAreRefusedWithAClearMessage() throws IOException {
    Path c = dir.resolve("v1.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      w.addFile("a", utf8("1"));
    }
    assertThatThrownBy(() -> DesUpdater.open(c)).isInstanceOf(IOException.class).hasMessageContaining("DES v1");
    DesUpdater.open(packed("b", "2")).close();
  }

  @Test
  void manyCommitsKeepTheNumberOfDeltaSegmentsSmall() throws IOException {
    Path c = packed("seed", "0");
    try (DesUpdater u = DesUpdater.open(c)) {
      for (int i = 0; i < 300; i++) {
        u.put("f" + (i % 50), utf8("v" + i), null, null);
        u.commit();
        assertThat(u.space().deltaSegments()).isLessThanOrEqualTo(Committer.MAX_LIVE_SEGMENTS);
      }
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.listFiles()).hasSize(51);
      assertThat(new String(r.getFile("f49"), StandardCharsets.UTF_8)).isEqualTo("v299");
      assertThat(r.verify().problems()).isEmpty();
    }
  }
}
