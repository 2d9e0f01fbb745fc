package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FileTree} does, whatever backs it. Subclasses build the tree of
 * {@link #spec()} in their backend; the same tests then run against a real directory, a DES v2
 * container, a DES v1 container (flat) and a FilePacker pack.
 */
abstract class FileTreeContract {
  @TempDir Path tmp;
  TreeSpec spec;
  FileTree tree;

  TreeSpec spec() {
    return TreeSpec.nested();
  }

  /** Builds {@code spec} in this backend below {@code tmp} and opens it. */
  abstract FileTree build(TreeSpec spec, Path tmp) throws IOException;

  @BeforeEach
  void open() throws IOException {
    spec = spec();
    tree = build(spec, tmp);
  }

  @AfterEach
  void close() throws IOException {
    tree.close();
  }

  @Test
  void listsEveryDirectorySortedByUtf8Bytes() throws IOException {
    for (String dir : spec.directories()) {
      assertThat(tree.list(dir)).as("list('%s')", dir).containsExactlyElementsOf(spec.list(dir));
    }
    assertThat(tree.list(".")).isEqualTo(tree.list(""));
  }

  @Test
  void walkIsTopDownLikeOsWalk() throws IOException {
    try (Stream<WalkEntry> s = tree.walk("")) {
      assertThat(s.toList()).containsExactlyElementsOf(spec.walk(""));
    }
    for (String dir : spec.directories()) {
      try (Stream<WalkEntry> s = tree.walk(dir)) {
        assertThat(s.toList()).as("walk('%s')", dir).containsExactlyElementsOf(spec.walk(dir));
      }
    }
  }

  @Test
  void unsortedWalkHasTheSameDirectoriesAndNames() throws IOException {
    List<WalkEntry> sorted = spec.walk("");
    try (Stream<WalkEntry> s = tree.walk("", false)) {
      List<WalkEntry> got = s.map(e -> new WalkEntry(e.path(), e.directories().stream().sorted(TreePaths.BYTE_ORDER)
          .toList(), e.files().stream().sorted(TreePaths.BYTE_ORDER).toList())).toList();
      assertThat(got).containsExactlyInAnyOrderElementsOf(sorted);
    }
  }

  @Test
  void walkIsLazyAndStopsWhenTheConsumerStops() throws IOException {
    try (Stream<WalkEntry> s = tree.walk("")) {
      assertThat(s.findFirst()).contains(spec.entry(""));
    }
  }

  @Test
  void existsIsDirectoryIsFileAgreeWithTheSpec() throws IOException {
    for (String dir : spec.directories()) {
      assertThat(tree.exists(dir)).as(dir).isTrue();
      assertThat(tree.isDirectory(dir)).as(dir).isTrue();
      assertThat(tree.isFile(dir)).as(dir).isFalse();
    }
    for (String file : spec.files().keySet()) {
      assertThat(tree.exists(file)).as(file).isTrue();
      assertThat(tree.isDirectory(file)).as(file).isFalse();
      assertThat(tree.isFile(file)).as(file).isTrue();
    }
    for (String missing : List.of("nope", "README.txt/child", "nope/deeper", "readme.txt")) {
      assertThat(tree.exists(missing)).as(missing).isFalse();
      assertThat(tree.isDirectory(missing)).as(missing).isFalse();
      assertThat(tree.isFile(missing)).as(missing).isFalse();
    }
  }

  @Test
  void sizesBodiesAndStringsMatch() throws IOException {
    for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
      assertThat(tree.size(f.getKey())).as(f.getKey()).isEqualTo(f.getValue().length);
      assertThat(tree.readAllBytes(f.getKey())).as(f.getKey()).isEqualTo(f.getValue());
      assertThat(tree.readString(f.getKey())).isEqualTo(new String(f.getValue(), StandardCharsets.UTF_8));
      assertThat(tree.readString(f.getKey(), StandardCharsets.ISO_8859_1))
          .isEqualTo(new String(f.getValue(), StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void openStreamsTheBytesInSmallReads() throws IOException {
    for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
      try (InputStream in = tree.open(f.getKey())) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[777];
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
        assertThat(got.toByteArray()).as(f.getKey()).isEqualTo(f.getValue());
      }
    }
  }

  @Test
  void channelsSeekAnywhereAndAreReadOnly() throws IOException {
    byte[] big = spec.files().get(spec.big());
    Random rnd = new Random(11);
    try (SeekableByteChannel ch = tree.newChannel(spec.big())) {
      assertThat(ch.size()).isEqualTo(big.length);
      for (int i = 0; i < 50; i++) {
        int pos = rnd.nextInt(big.length);
        int len = Math.min(1 + rnd.nextInt(5000), big.length - pos);
        ByteBuffer dst = ByteBuffer.allocate(len);
        ch.position(pos);
        while (dst.hasRemaining() && ch.read(dst) > 0) {
          // fill
        }
        assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(big, pos, pos + len));
        assertThat(ch.position()).isEqualTo(pos + len);
      }
      ch.position(big.length);
      assertThat(ch.read(ByteBuffer.allocate(10))).isEqualTo(-1);
      assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
    }
  }

  @Test
  void missingPathsAndWrongKindsGiveTheSameExceptions() throws IOException {
    String aFile = spec.files().keySet().iterator().next();
    String aDir = spec.directories().last();
    assertThatThrownBy(() -> tree.list("nope")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> tree.list(aFile)).isInstanceOf(NotDirectoryException.class);
    assertThatThrownBy(() -> tree.walk("nope")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> tree.walk(aFile)).isInstanceOf(NotDirectoryException.class);
    assertThatThrownBy(() -> tree.open("nope")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> tree.readAllBytes("nope/x")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> tree.size("nope")).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> tree.newChannel("nope")).isInstanceOf(NoSuchFileException.class);
    for (String dir : List.of("", aDir)) {
      assertThatThrownBy(() -> tree.readAllBytes(dir)).as(dir).isInstanceOf(FileSystemException.class)
          .isNotInstanceOf(NoSuchFileException.class).hasMessageContaining("is a directory");
      assertThatThrownBy(() -> tree.open(dir)).as(dir).hasMessageContaining("is a directory");
      assertThatThrownBy(() -> tree.size(dir)).as(dir).hasMessageContaining("is a directory");
      assertThatThrownBy(() -> tree.newChannel(dir)).as(dir).hasMessageContaining("is a directory");
    }
  }

  @Test
  void pathsThatCouldLeaveTheTreeAreRefused() {
    for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a/./b", "a//b", "..", "x\0y")) {
      assertThatThrownBy(() -> tree.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> tree.readAllBytes(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> tree.list(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aTrailingSlashNamesTheSameDirectory() throws IOException {
    String dir = spec.directories().last();
    if (!dir.isEmpty()) {
      assertThat(tree.list(dir + "/")).isEqualTo(tree.list(dir));
      assertThat(tree.isDirectory(dir + "/")).isTrue();
    }
  }

  @Test
  void manyThreadsShareOneTree() throws Exception {
    List<String> files = new ArrayList<>(spec.files().keySet());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        long seed = t;
        done.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          for (int i = 0; i < 300; i++) {
            String f = files.get(rnd.nextInt(files.size()));
            byte[] want = spec.files().get(f);
            byte[] got = switch (i % 3) {
              case 0 -> tree.readAllBytes(f);
              case 1 -> tree.open(f).readAllBytes();
              default -> {
                try (SeekableByteChannel ch = tree.newChannel(f)) {
                  ByteBuffer b = ByteBuffer.allocate((int) ch.size());
                  while (b.hasRemaining() && ch.read(b) > 0) {
                    // fill
                  }
                  yield b.array();
                }
              }
            };
            assertThat(got).as(f).isEqualTo(want);
            assertThat(tree.list(f.contains("/") ? f.substring(0, f.lastIndexOf('/')) : "")).isNotEmpty();
          }
          return 300;
        }));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(300);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void walkReachesEveryFileExactlyOnce() throws IOException {
    List<String> seen;
    try (Stream<WalkEntry> s = tree.walk("")) {
      seen = s.flatMap(e -> e.files().stream().map(e::resolve)).collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(spec.files().keySet());
  }
}
