package io.easystore.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the reading half of {@code Files.*} must do over the fixed {@link NioTestTree}. Runs
 * against the default file system (proving the expectations), read-only des file systems (local
 * and over HTTP) and a writable des file system over a prepared container.
 */
abstract class NioReadContract {
  protected Path root;

  /** The root of a file system (or directory) holding {@link NioTestTree}. */
  protected abstract Path openTree() throws IOException;

  protected void closeTree() throws IOException {}

  @BeforeEach
  void open() throws IOException {
    root = openTree();
  }

  @AfterEach
  void close() throws IOException {
    closeTree();
  }

  private Path p(String rel) {
    return root.resolve(rel);
  }

  private List<String> rel(Stream<Path> paths) {
    try (paths) {
      return paths.map(x -> root.relativize(x).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void everyFileReadsBackWhole() throws IOException {
    for (Map.Entry<String, byte[]> f : NioTestTree.FILES.entrySet()) {
      assertThat(Files.readAllBytes(p(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
      assertThat(Files.size(p(f.getKey()))).isEqualTo(f.getValue().length);
    }
    assertThat(Files.readString(p("docs/readme.md"))).isEqualTo("grüße λόγος 日本語\n");
    assertThat(Files.readAllLines(p("hello.txt"))).containsExactly("hello, world");
  }

  @Test
  void listingsWalksAndFinds() throws IOException {
    assertThat(rel(Files.list(root))).containsExactly(".hidden", "docs", "empty", "hello.txt");
    assertThat(rel(Files.list(p("docs")))).containsExactly("docs/big.bin", "docs/readme.md", "docs/sub",
        "docs/text.log");
    assertThat(rel(Files.list(p("empty")))).isEmpty();
    assertThat(rel(Files.walk(root))).containsExactly("", ".hidden", "docs", "docs/big.bin", "docs/readme.md",
        "docs/sub", "docs/sub/deep.txt", "docs/text.log", "empty", "hello.txt");
    assertThat(rel(Files.find(root, 5, (x, a) -> a.isRegularFile() && x.getFileName().toString().endsWith(".txt"))))
        .containsExactly("docs/sub/deep.txt", "hello.txt");
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p("docs"), "*.{md,log}")) {
      ds.forEach(x -> names.add(x.getFileName().toString()));
    }
    assertThat(names).containsExactlyInAnyOrder("readme.md", "text.log");
    Path file = p("hello.txt");
    assertThatThrownBy(() -> Files.newDirectoryStream(file)).isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void seekableChannelsOverRawAndCompressedBodies() throws IOException {
    Random rnd = new Random(11);
    for (String name : List.of("docs/big.bin", "docs/text.log")) {
      byte[] body = NioTestTree.FILES.get(name);
      try (SeekableByteChannel ch = Files.newByteChannel(p(name))) {
        assertThat(ch.size()).isEqualTo(body.length);
        for (int i = 0; i < 20; i++) {
          int pos = rnd.nextInt(body.length - 100);
          ByteBuffer buf = ByteBuffer.allocate(100);
          ch.position(pos);
          while (buf.hasRemaining() && ch.read(buf) > 0) {
            // fill
          }
          assertThat(buf.array()).as(name + " at " + pos).isEqualTo(Arrays.copyOfRange(body, pos, pos + 100));
        }
      }
    }
    try (InputStream in = Files.newInputStream(p("docs/big.bin"))) {
      assertThat(in.skip(1000)).isEqualTo(1000);
      assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(NioTestTree.FILES.get("docs/big.bin"), 1000, 1010));
    }
  }

  @Test
  void attributesKindsTimesAndPermissions() throws IOException {
    Path hello = p("hello.txt");
    BasicFileAttributes a = Files.readAttributes(hello, BasicFileAttributes.class);
    assertThat(a.isRegularFile()).isTrue();
    assertThat(a.size()).isEqualTo(13);
    assertThat(a.lastModifiedTime()).isEqualTo(FileTime.fromMillis(NioTestTree.HELLO_MTIME));
    assertThat(Files.getLastModifiedTime(hello)).isEqualTo(FileTime.fromMillis(NioTestTree.HELLO_MTIME));
    PosixFileAttributes px = Files.readAttributes(hello, PosixFileAttributes.class);
    assertThat(PosixFilePermissions.toString(px.permissions())).isEqualTo(NioTestTree.HELLO_PERMS);
    assertThat(Files.readAttributes(hello, "posix:permissions,size"))
        .containsEntry("size", 13L).containsKey("permissions");
    assertThat(Files.isDirectory(p("docs/sub"))).isTrue();
    assertThat(Files.isDirectory(p("empty"))).isTrue();
    assertThat(Files.isRegularFile(p("docs"))).isFalse();
    assertThat(Files.readAttributes(p("docs"), BasicFileAttributes.class).isDirectory()).isTrue();
    assertThat(Files.isHidden(p(".hidden"))).isTrue();
    assertThat(Files.isSameFile(hello, p("docs/../hello.txt"))).isTrue();
    assertThat(Files.isSameFile(hello, p(".hidden"))).isFalse();
    assertThat(Files.isReadable(hello)).isTrue();
    assertThat(Files.getFileStore(hello)).isNotNull();
  }

  @Test
  void missingPathsAndDirectoriesAsFiles() throws IOException {
    Path m = p("docs/missing.txt");
    assertThat(Files.exists(m)).isFalse();
    assertThat(Files.notExists(m)).isTrue();
    assertThatThrownBy(() -> Files.readAllBytes(m)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(m.toString());
    assertThatThrownBy(() -> Files.readAttributes(m, BasicFileAttributes.class))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(m.toString());
    Path md = p("missing-dir");
    assertThatThrownBy(() -> Files.list(md)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(md.toString());
    assertThatThrownBy(() -> Files.readAllBytes(p("docs"))).isInstanceOf(IOException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void concurrentReadersShareTheFileSystem() throws Exception {
    byte[] body = NioTestTree.FILES.get("docs/big.bin");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> Files.readAllBytes(p("docs/big.bin"))));
      }
      for (Future<byte[]> f : results) {
        assertThat(f.get()).isEqualTo(body);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
