package io.easystore.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a real directory has: links, loops, hidden files and entries of other kinds. */
class DirectoryTreeTest {
  @TempDir Path tmp;

  @Test
  void walkFollowsLinksButEndsOnALoop() throws IOException {
    Path root = tmp.resolve("root");
    PackedTrees.write(root, "a/b/file.txt", "x");
    Files.createSymbolicLink(root.resolve("a/b/up"), root.resolve("a"));
    Files.createSymbolicLink(root.resolve("side"), root.resolve("a/b"));
    try (FileTree t = FileTrees.open(root); Stream<WalkEntry> s = t.walk("")) {
      List<String> files = s.flatMap(e -> e.files().stream().map(e::resolve)).toList();
      assertThat(files).containsExactlyInAnyOrder("a/b/file.txt", "side/file.txt");
    }
  }

  @Test
  void hiddenFilesAreVisibleAndBrokenLinksAreNot() throws IOException {
    Path root = tmp.resolve("root");
    PackedTrees.write(root, ".hidden/x", "h");
    PackedTrees.write(root, "f.txt", "f");
    Files.createSymbolicLink(root.resolve("broken"), root.resolve("missing"));
    try (FileTree t = FileTrees.open(root)) {
      assertThat(t.list("")).containsExactly(".hidden", "f.txt");
      assertThat(t.exists("broken")).isFalse();
      assertThatThrownBy(() -> t.readAllBytes("broken")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
  }

  @Test
  void openingAMissingPathSaysSo() {
    assertThatThrownBy(() -> FileTrees.open(tmp.resolve("nope"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThatThrownBy(() -> FileTrees.ofDirectory(tmp.resolve("nope"))).isInstanceOf(java.nio.file.NotDirectoryException.class);
  }
}
