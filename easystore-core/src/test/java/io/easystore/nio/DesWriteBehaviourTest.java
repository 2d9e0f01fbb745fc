package io.easystore.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.mutate.ContainerLockedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What writable des file systems add: commit policies, locking, persistence, metadata, cross-container copies. */
class DesWriteBehaviourTest {
  @TempDir
  Path dir;
  @TempDir
  Path temp;

  private static boolean committed(Path container, String entry) throws IOException {
    try (DesReader r = DesReader.open(container)) {
      return r.exists(entry);
    }
  }

  @Test
  void defaultPolicyCommitsOnClose() throws IOException {
    Path c = dir.resolve("close.des");
    FileSystem fs = DesFileSystem.open(c, Map.of("create", "true"));
    Files.writeString(fs.getPath("/a.txt"), "a");
    assertThat(Files.readString(fs.getPath("/a.txt"))).isEqualTo("a");
    assertThat(committed(c, "a.txt")).isFalse();
    fs.close();
    assertThat(committed(c, "a.txt")).isTrue();
  }

  @Test
  void syncPolicyCommitsOnlyOnSync() throws IOException {
    Path c = dir.resolve("sync.des");
    DesFileSystem fs = DesFileSystem.open(c, Map.of("create", "true", "commit", "sync"));
    Files.writeString(fs.getPath("/a.txt"), "a");
    assertThat(committed(c, "a.txt")).isFalse();
    fs.sync();
    assertThat(committed(c, "a.txt")).isTrue();
    Files.writeString(fs.getPath("/b.txt"), "b");
    fs.close();
    assertThat(committed(c, "b.txt")).isFalse();
    assertThat(committed(c, "a.txt")).isTrue();
  }

  @Test
  void writePolicyCommitsEveryChange() throws IOException {
    Path c = dir.resolve("write.des");
    try (FileSystem fs = DesFileSystem.open(c, Map.of("create", "true", "commit", "write"))) {
      Files.writeString(fs.getPath("/a.txt"), "a");
      assertThat(committed(c, "a.txt")).isTrue();
      Files.createDirectory(fs.getPath("/d"));
      assertThat(committed(c, "d")).isTrue();
      Files.move(fs.getPath("/a.txt"), fs.getPath("/d/a.txt"));
      assertThat(committed(c, "d/a.txt")).isTrue();
      assertThat(committed(c, "a.txt")).isFalse();
    }
  }

  @Test
  void oneWriterAtATime() throws IOException {
    Path c = dir.resolve("locked.des");
    try (FileSystem first = DesFileSystem.open(c, Map.of("create", "true"))) {
      assertThatThrownBy(() -> DesFileSystem.open(c, Map.of())).isInstanceOf(ContainerLockedException.class);
      URI uri = URI.create("des:" + c.toUri());
      try (FileSystem registered = FileSystems.newFileSystem(uri, Map.of("readOnly", "true"))) {
        assertThatThrownBy(() -> FileSystems.newFileSystem(uri, Map.of()))
            .isInstanceOf(FileSystemAlreadyExistsException.class);
        assertThat(registered.isReadOnly()).isTrue();
      }
      assertThat(first.isReadOnly()).isFalse();
    }
  }

  @Test
  void closingPublishesOpenWritersAndRefusesLaterAccess() throws IOException {
    Path c = dir.resolve("closing.des");
    FileSystem fs = DesFileSystem.open(c, Map.of("create", "true", "tempDir", temp.toString()));
    Path a = fs.getPath("/a.txt");
    OutputStream out = Files.newOutputStream(a);
    out.write("written before close".getBytes(UTF_8));
    fs.close();
    assertThatThrownBy(() -> Files.writeString(a, "x")).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(a.toString());
    assertThatThrownBy(() -> Files.delete(a)).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(a.toString());
    assertThatThrownBy(() -> Files.readString(a)).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(a.toString());
    try (DesReader r = DesReader.open(c)) {
      assertThat(new String(r.getFile("a.txt"), UTF_8)).isEqualTo("written before close");
    }
    try (var left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void metadataAndAttributesSurviveRewritesCopiesAndReopening() throws IOException {
    Path c = dir.resolve("meta.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a.txt", "old".getBytes(UTF_8), DesWriter.meta(Map.of("mime", "text/plain")), EntryAttributes.NONE);
    }
    FileTime t = FileTime.fromMillis(1_234_567_890_000L);
    try (FileSystem fs = DesFileSystem.open(c, Map.of())) {
      Path a = fs.getPath("/a.txt");
      Files.writeString(a, "newer body");
      Files.copy(a, fs.getPath("/b.txt"));
      Files.setLastModifiedTime(a, t);
      Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwx------"));
    }
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getMeta("a.txt").get("mime").asText()).isEqualTo("text/plain");
      assertThat(r.getMeta("a.txt").get("size").asLong()).isEqualTo(10);
      assertThat(r.getMeta("b.txt").get("mime").asText()).isEqualTo("text/plain");
      IndexEntry e = r.entry("a.txt");
      assertThat(e.mtimeMillis()).isEqualTo(t.toMillis());
      assertThat(e.mode()).isEqualTo(0700);
      assertThat(new String(r.getFile("b.txt"), UTF_8)).isEqualTo("newer body");
    }
  }

  @Test
  void copiesAndMovesBetweenTwoContainers() throws IOException {
    try (FileSystem one = DesFileSystem.open(dir.resolve("one.des"), Map.of("create", "true"));
        FileSystem two = DesFileSystem.open(dir.resolve("two.des"), Map.of("create", "true"))) {
      Path a = Files.writeString(one.getPath("/a.txt"), "across");
      Path copied = Files.copy(a, two.getPath("/a.txt"));
      assertThat(Files.readString(copied)).isEqualTo("across");
      assertThatThrownBy(() -> Files.copy(a, copied)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class)
          .hasMessageContaining(copied.toString());
      Path moved = Files.move(a, two.getPath("/b.txt"));
      assertThat(Files.exists(a)).isFalse();
      assertThat(Files.readString(moved)).isEqualTo("across");
      assertThatThrownBy(() -> Files.move(moved, one.getPath("/c.txt"), StandardCopyOption.ATOMIC_MOVE))
          .isInstanceOf(java.nio.file.AtomicMoveNotSupportedException.class);
    }
  }

  @Test
  void threadsShareOneWritableFileSystemAcrossSessions() throws Exception {
    Path c = dir.resolve("threads.des");
    for (int session = 0; session < 2; session++) {
      int s = session;
      try (FileSystem fs = DesFileSystem.open(c, Map.of("create", "true"))) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
              Path d = Files.createDirectories(fs.getPath("/s" + s + "/t" + thread));
              for (int i = 0; i < 20; i++) {
                Files.writeString(d.resolve("f" + i + ".txt"), s + "/" + thread + "/" + i);
                assertThat(Files.readString(d.resolve("f" + i + ".txt"))).isEqualTo(s + "/" + thread + "/" + i);
              }
              try (Stream<Path> listed = Files.list(d)) {
                assertThat(listed).hasSize(20);
              }
              return null;
            }));
          }
          for (Future<?> f : done) {
            f.get();
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
    try (FileSystem fs = DesFileSystem.open(c, Map.of("readOnly", "true"));
        Stream<Path> all = Files.walk(fs.getPath("/"))) {
      assertThat(all.filter(Files::isRegularFile)).hasSize(2 * 4 * 20);
      assertThat(Files.readString(fs.getPath("/s1/t3/f19.txt"))).isEqualTo("1/3/19");
    }
  }

  @Test
  void namesTheFormatForbidsAreRefusedNamingThePath() throws IOException {
    try (FileSystem fs = DesFileSystem.open(dir.resolve("names.des"), Map.of("create", "true"))) {
      Path bad = fs.getPath("/back\\slash.txt");
      assertThatThrownBy(() -> Files.writeString(bad, "x")).isInstanceOf(FileSystemException.class)
          .hasMessageContaining(bad.toString());
    }
  }

  @Test
  void v1ContainersOpenReadOnlyOnly() throws IOException {
    Path c = dir.resolve("v1.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      w.addFile("a.txt", "a".getBytes(UTF_8));
    }
    assertThatThrownBy(() -> DesFileSystem.open(c, Map.of())).isInstanceOf(IOException.class)
        .hasMessageContaining(c.toString());
    try (FileSystem fs = DesFileSystem.open(c, Map.of("readOnly", "true"))) {
      assertThat(Files.readString(fs.getPath("/a.txt"))).isEqualTo("a");
    }
  }
}
