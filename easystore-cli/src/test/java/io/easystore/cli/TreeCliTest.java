package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** des pack (tree options), tree, ls DIR, find, import, export and extract of directory trees. */
class TreeCliTest {
  @TempDir Path tmp;
  Path src;

  private void write(String rel, String body) throws IOException {
    Path p = src.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, body);
  }

  @BeforeEach
  void tree() throws IOException {
    src = tmp.resolve("src");
    write("README.md", "readme");
    write(".cache/junk", "hidden");
    write("train/cats/1.jpg", "cat one");
    write("train/cats/2.jpg", "cat two");
    write("train/dogs/1.jpg", "dog one");
    write("train/dogs/notes.txt", "notes");
    write("val/x.png", "png");
    Files.setLastModifiedTime(src.resolve("train/cats/1.jpg"), FileTime.fromMillis(1_234_567_890_000L));
    Files.setPosixFilePermissions(src.resolve("train/cats/1.jpg"), PosixFilePermissions.fromString("rw-r-----"));
  }

  private Path pack(String... extra) {
    Path c = tmp.resolve("c" + System.nanoTime() + ".des");
    String[] args = new String[extra.length + 4];
    args[0] = "pack";
    args[1] = src.toString();
    args[2] = "-o";
    args[3] = c.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    CliRun r = CliRun.of(args);
    assertThat(r.exit()).as(r.stderr()).isZero();
    return c;
  }

  @Test
  void packKeepsTheTreeSkipsHiddenAndPrintsTheTreeWithCounts() throws IOException {
    Path c = pack("--codec", "deflate", "--threads", "3");
    CliRun tree = CliRun.of("tree", c.toString());
    assertThat(tree.exit()).as(tree.stderr()).isZero();
    assertThat(tree.out()).contains(".  [6 files, ").contains("├── train/  [4 files, ")
        .contains("│   ├── cats/  [2 files, ").contains("└── val/  [1 file, ").contains("1.jpg  7 B")
        .contains("4 directories, 6 files, 35 B").doesNotContain(".cache");
    CliRun dirsOnly = CliRun.of("tree", c.toString(), "train", "--directories-only");
    assertThat(dirsOnly.out().lines()).containsExactly("train/  [4 files, 26 B]", "├── cats/  [2 files, 14 B]",
        "└── dogs/  [2 files, 12 B]", "2 directories, 4 files, 26 B");
    CliRun shallow = CliRun.of("tree", c.toString(), "--depth", "1");
    assertThat(shallow.out()).contains("train/").doesNotContain("cats");
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.entry("train/cats/1.jpg").mtimeMillis()).isEqualTo(1_234_567_890_000L);
      assertThat(r.entry("train/cats/1.jpg").mode()).isEqualTo(0640);
      assertThat(r.entry("README.md").isCompressed() || r.entry("README.md").size() < 20).isTrue();
    }
  }

  @Test
  void lsListsOneDirectoryAndFindMatchesGlobs() {
    Path c = pack();
    assertThat(CliRun.of("ls", c.toString(), "train").out().lines()).containsExactly("cats/", "dogs/");
    assertThat(CliRun.of("ls", c.toString(), ".").out().lines()).containsExactly("README.md", "train/", "val/");
    assertThat(CliRun.of("ls", "--long", c.toString(), "train/dogs").out()).contains("notes.txt").contains("1.jpg");
    CliRun missing = CliRun.of("ls", c.toString(), "nope");
    assertThat(missing.exit()).isEqualTo(Main.FAILED);
    assertThat(missing.stderr()).startsWith("des: no such file or entry: nope");
    assertThat(CliRun.of("find", c.toString(), "*.jpg").out().lines())
        .containsExactly("train/cats/1.jpg", "train/cats/2.jpg", "train/dogs/1.jpg");
    assertThat(CliRun.of("find", c.toString(), "train/*/1.jpg").out().lines())
        .containsExactly("train/cats/1.jpg", "train/dogs/1.jpg");
    assertThat(CliRun.of("find", c.toString(), "*", "--type", "d").out().lines())
        .containsExactly("train/", "val/", "train/cats/", "train/dogs/");
    assertThat(CliRun.of("find", c.toString(), "[oops").exit()).isEqualTo(Main.USAGE);
  }

  @Test
  void filterOptionsApplyAndContradictionsAreUsageErrors() throws IOException {
    Path jpg = pack("--include-ext", "JPG");
    assertThat(CliRun.of("find", jpg.toString(), "*", "--type", "f").out().lines()).hasSize(3).allMatch(l -> l.endsWith(".jpg"));
    Path noDogs = pack("--exclude", "dogs", "--exclude", "*.png", "--include-hidden");
    assertThat(CliRun.of("find", noDogs.toString(), "*", "--type", "f").out().lines())
        .containsExactlyInAnyOrder(".cache/junk", "README.md", "train/cats/1.jpg", "train/cats/2.jpg");
    CliRun both = CliRun.of("pack", src.toString(), "-o", tmp.resolve("x.des").toString(), "--include-ext", "jpg",
        "--exclude-ext", "png");
    assertThat(both.exit()).isEqualTo(Main.USAGE);
    assertThat(both.stderr()).contains("--include-ext and --exclude-ext are mutually exclusive");
    assertThat(tmp.resolve("x.des")).doesNotExist();
    Files.createSymbolicLink(src.resolve("val/link.jpg"), src.resolve("train/cats/2.jpg"));
    Path noLinks = pack("--no-follow-links");
    assertThat(CliRun.of("ls", noLinks.toString(), "val").out().lines()).containsExactly("x.png");
  }

  @Test
  void anUnreadableFileFailsThePackUnlessSkipErrors() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of("/proc/self/mem")), "needs /proc/self/mem");
    // Reading /proc/self/mem from offset 0 fails with EIO, even for root.
    Files.createSymbolicLink(src.resolve("train/broken.jpg"), Path.of("/proc/self/mem"));
    Path c = tmp.resolve("fail.des");
    CliRun fail = CliRun.of("pack", src.toString(), "-o", c.toString());
    assertThat(fail.exit()).isEqualTo(Main.FAILED);
    assertThat(fail.stderr()).contains("'train/broken.jpg'").contains("nothing was written")
        .contains("'des pack --skip-errors', leaves unreadable entries out");
    assertThat(c).doesNotExist();
    CliRun skip = CliRun.of("pack", src.toString(), "-o", c.toString(), "--skip-errors");
    assertThat(skip.exit()).as(skip.stderr()).isZero();
    assertThat(skip.stderr()).contains("des: skipped 'train/broken.jpg'");
    assertThat(skip.out()).contains("packed 6 files").contains("1 unreadable");
  }

  @Test
  void extractRecreatesDirectoriesTimesAndModes() throws IOException {
    Files.createDirectories(src.resolve("empty"));
    Path c = pack();
    Path out = tmp.resolve("out");
    CliRun x = CliRun.of("extract", c.toString(), "-d", out.toString());
    assertThat(x.exit()).as(x.stderr()).isZero();
    assertThat(out.resolve("train/dogs/notes.txt")).hasContent("notes");
    assertThat(out.resolve("empty")).isDirectory();
    assertThat(Files.getLastModifiedTime(out.resolve("train/cats/1.jpg")).toMillis()).isEqualTo(1_234_567_890_000L);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("train/cats/1.jpg"))))
        .isEqualTo("rw-r-----");
    Path some = tmp.resolve("some");
    CliRun sub = CliRun.of("extract", c.toString(), "train/dogs", "README.md", "-d", some.toString());
    assertThat(sub.exit()).as(sub.stderr()).isZero();
    try (Stream<Path> s = Files.walk(some)) {
      assertThat(s.filter(Files::isRegularFile).map(p -> some.relativize(p).toString()))
          .containsExactlyInAnyOrder("train/dogs/1.jpg", "train/dogs/notes.txt", "README.md");
    }
  }

  @Test
  void theFpackFixtureImportsExportsAndBrowses() throws IOException {
    Path fpack = Fixtures.file("fp-dataset.fpack");
    CliRun tree = CliRun.of("tree", fpack.toString(), "--directories-only");
    assertThat(tree.exit()).as(tree.stderr()).isZero();
    assertThat(tree.out()).contains("101 files");
    assertThat(CliRun.of("info", fpack.toString()).out()).contains("format:     FilePacker v1");
    Path c = tmp.resolve("fp.des");
    CliRun imp = CliRun.of("import", fpack.toString(), "-o", c.toString());
    assertThat(imp.exit()).as(imp.stderr()).isZero();
    assertThat(imp.out()).contains("imported 101 files").contains("(fpack)");
    assertThat(CliRun.of("find", c.toString(), "*", "--type", "f").out().lines()).hasSize(101);
    Path tar = tmp.resolve("fp.tar.gz");
    CliRun exp = CliRun.of("export", c.toString(), "-o", tar.toString());
    assertThat(exp.exit()).as(exp.stderr()).isZero();
    assertThat(exp.out()).contains("exported 101 files");
    Path back = tmp.resolve("back.des");
    CliRun again = CliRun.of("import", tar.toString(), "-o", back.toString(), "--codec", "none");
    assertThat(again.exit()).as(again.stderr()).isZero();
    assertThat(again.out()).contains("imported 101 files").contains("(tar+gz)");
    assertThat(CliRun.of("find", back.toString(), "*").out()).isEqualTo(CliRun.of("find", c.toString(), "*").out());
  }

  @Test
  void importSkipsHostileTarEntriesWithMessagesAndStrictFails() throws IOException {
    Path tar = tmp.resolve("evil.tar");
    try (var out = Files.newOutputStream(tar);
        var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      for (String name : new String[] {"ok.txt", "../evil.txt"}) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name, true);
        e.setSize(2);
        t.putArchiveEntry(e);
        t.write(new byte[] {'h', 'i'});
        t.closeArchiveEntry();
      }
    }
    CliRun lax = CliRun.of("import", tar.toString(), "-o", tmp.resolve("lax.des").toString());
    assertThat(lax.exit()).as(lax.stderr()).isZero();
    assertThat(lax.stderr()).contains("des: skipped '../evil.txt' has a '..' segment");
    assertThat(lax.out()).contains("imported 1 files").contains("skipped 1 entries");
    CliRun strict = CliRun.of("import", tar.toString(), "-o", tmp.resolve("strict.des").toString(), "--strict");
    assertThat(strict.exit()).isEqualTo(Main.DAMAGED);
    assertThat(strict.stderr().lines()).hasSize(1);
    assertThat(tmp.resolve("strict.des")).doesNotExist();
  }
}
