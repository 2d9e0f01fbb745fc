package io.easystore.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the provider commits under each {@code commit} policy, over {@link RewritingUpdater} (whose
 * commit rewrites the container, so the committed state is what a fresh reader sees). The same
 * policies over the mutation engine are checked in {@link DesWriteBehaviourTest}.
 */
class CommitPolicyTest {
  @TempDir
  Path dir;

  private static boolean committed(Path container, String entry) throws IOException {
    try (DesReader r = DesReader.open(container)) {
      return r.exists(entry);
    }
  }

  @Test
  void closeCommitsOnCloseAndOnSync() throws IOException {
    Path c = dir.resolve("close.des");
    DesFileSystem fs = DesTestSupport.overRewritingUpdater(c, Map.of());
    Files.writeString(fs.getPath("/a.txt"), "a");
    assertThat(Files.readString(fs.getPath("/a.txt"))).isEqualTo("a");
    assertThat(committed(c, "a.txt")).isFalse();
    fs.sync();
    assertThat(committed(c, "a.txt")).isTrue();
    Files.delete(fs.getPath("/a.txt"));
    assertThat(committed(c, "a.txt")).isTrue();
    fs.close();
    assertThat(committed(c, "a.txt")).isFalse();
  }

  @Test
  void syncCommitsOnlyOnSyncAndCloseDropsTheRest() throws IOException {
    Path c = dir.resolve("sync.des");
    DesFileSystem fs = DesTestSupport.overRewritingUpdater(c, Map.of("commit", "sync"));
    Files.writeString(fs.getPath("/a.txt"), "a");
    assertThat(committed(c, "a.txt")).isFalse();
    fs.sync();
    assertThat(committed(c, "a.txt")).isTrue();
    Files.writeString(fs.getPath("/b.txt"), "b");
    fs.close();
    assertThat(committed(c, "b.txt")).isFalse();
  }

  @Test
  void writeCommitsAfterEveryChange() throws IOException {
    Path c = dir.resolve("write.des");
    try (DesFileSystem fs = DesTestSupport.overRewritingUpdater(c, Map.of("commit", "write"))) {
      Files.writeString(fs.getPath("/a.txt"), "a");
      assertThat(committed(c, "a.txt")).isTrue();
      Files.createDirectory(fs.getPath("/d"));
      assertThat(committed(c, "d")).isTrue();
      Files.move(fs.getPath("/a.txt"), fs.getPath("/d/a.txt"));
      assertThat(committed(c, "d/a.txt")).isTrue();
      assertThat(committed(c, "a.txt")).isFalse();
    }
  }
}
