package io.easystore.tree;

import static io.easystore.tree.PackedTrees.contents;
import static io.easystore.tree.PackedTrees.pack;
import static io.easystore.tree.PackedTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each packing filter, alone: what it keeps and what it leaves out. */
class TreePackerFilterTest {
  @TempDir Path tmp;
  Path src;

  @BeforeEach
  void tree() throws IOException {
    src = tmp.resolve("src");
    write(src, "README.txt", "readme");
    write(src, ".env", "SECRET=1");
    write(src, ".git/config", "[core]");
    write(src, ".git/objects/ab/cdef", "blob");
    write(src, "images/a.JPG", "jpeg a");
    write(src, "images/b.jpg", "jpeg b");
    write(src, "images/.DS_Store", "finder");
    write(src, "images/c.png", "png c");
    write(src, "labels/a.txt", "label a");
    write(src, "labels/archive.tar.gz", "tgz");
    write(src, "labels/noext", "no extension");
    write(src, "dir.jpg/inside.txt", "a directory whose name has an extension");
    write(src, "cache/x.bin", "cached");
    write(src, "logs/run.tmp", "temp");
    write(src, "logs/run.txt", "log");
    write(src, "deep/logs/keep.txt", "a logs directory elsewhere");
  }

  private Path out(String name) {
    return tmp.resolve(name);
  }

  @Test
  void hiddenFilesAndEverythingBelowHiddenDirectoriesAreSkippedByDefault() throws IOException {
    Path c = pack(src, out("h.des"), PackOptions.defaults());
    assertThat(contents(c).keySet()).doesNotContain(".env", ".git/config", ".git/objects/ab/cdef", "images/.DS_Store")
        .contains("README.txt", "images/b.jpg");
    assertThat(PackedTrees.directories(c)).noneMatch(d -> d.startsWith(".git"));
  }

  @Test
  void includeHiddenPacksHiddenFilesAndDirectories() throws IOException {
    Path c = pack(src, out("ih.des"), PackOptions.defaults().withIncludeHidden(true));
    assertThat(contents(c)).containsKeys(".env", ".git/config", ".git/objects/ab/cdef", "images/.DS_Store");
    assertThat(contents(c).get(".git/objects/ab/cdef")).asString().isEqualTo("blob");
  }

  @Test
  void includeExtKeepsOnlyThoseExtensionsIgnoringCaseAndStillEntersDirectories() throws IOException {
    Path c = pack(src, out("ie.des"), PackOptions.defaults().withIncludeExtensions(List.of("jpg", ".tar.gz")));
    assertThat(contents(c).keySet()).containsExactlyInAnyOrder("images/a.JPG", "images/b.jpg", "labels/archive.tar.gz");
  }

  @Test
  void excludeExtLeavesThoseExtensionsOut() throws IOException {
    Path c = pack(src, out("ee.des"), PackOptions.defaults().withExcludeExtensions(List.of("JPG", "txt")));
    assertThat(contents(c).keySet()).containsExactlyInAnyOrder("images/c.png", "labels/archive.tar.gz",
        "labels/noext", "cache/x.bin", "logs/run.tmp");
  }

  @Test
  void includeAndExcludeExtTogetherAreAClearError() {
    assertThatThrownBy(() -> PackOptions.defaults().withIncludeExtensions(List.of("jpg"))
        .withExcludeExtensions(List.of("png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--include-ext and --exclude-ext are mutually exclusive");
    assertThatThrownBy(() -> PackOptions.defaults().withIncludeExtensions(List.of("a/b")))
        .hasMessageContaining("not a file extension");
  }

  @Test
  void excludeGlobsMatchBaseNamesOrWholePathsAndPruneDirectories() throws IOException {
    Path c = pack(src, out("g.des"), PackOptions.defaults().withExcludeGlobs(List.of("*.tmp", "cache", "logs/*.txt")));
    assertThat(contents(c).keySet()).doesNotContain("logs/run.tmp", "cache/x.bin", "logs/run.txt")
        .contains("deep/logs/keep.txt", "labels/a.txt", "README.txt");
    assertThat(PackedTrees.directories(c)).doesNotContain("cache").contains("logs");
    Path all = pack(src, out("g2.des"), PackOptions.defaults().withExcludeGlobs(List.of("**/logs/**")));
    assertThat(contents(all).keySet()).doesNotContain("deep/logs/keep.txt", "logs/run.txt", "logs/run.tmp")
        .contains("labels/a.txt", "cache/x.bin");
  }

  @Test
  void aMalformedGlobIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> PackOptions.defaults().withExcludeGlobs(List.of("[abc")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed '['");
  }

  @Test
  void emptyDirectoriesAreKept() throws IOException {
    Files.createDirectories(src.resolve("empty/inner"));
    Path c = pack(src, out("e.des"), PackOptions.defaults());
    assertThat(PackedTrees.directories(c)).contains("empty", "empty/inner");
    try (FileTree t = FileTrees.open(c)) {
      assertThat(t.list("empty")).containsExactly("inner");
      assertThat(t.list("empty/inner")).isEmpty();
    }
  }

  @Test
  void v1PacksAFlatDirectoryAndRefusesASubdirectoryThatPassesTheFilters() throws IOException {
    Path flat = tmp.resolve("flat");
    write(flat, "a.txt", "a");
    write(flat, ".hidden/x", "hidden directories are filtered before the flat rule");
    Path c = tmp.resolve("flat.des");
    TreePacker.pack(flat, c, WriterOptions.v1(), PackOptions.defaults(), PackListener.NONE);
    assertThat(contents(c).keySet()).containsExactly("a.txt");
    assertThatThrownBy(() -> TreePacker.pack(src, tmp.resolve("v1.des"), WriterOptions.v1(), PackOptions.defaults(),
        PackListener.NONE)).hasMessageContaining("subdirectory 'cache'").hasMessageContaining("flat names only");
    assertThat(tmp.resolve("v1.des")).doesNotExist();
  }
}
