package io.easystore.tree;

import static io.easystore.tree.PackedTrees.contents;
import static io.easystore.tree.PackedTrees.pack;
import static io.easystore.tree.PackedTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links, loops, unreadable entries, attributes and determinism of {@link TreePacker}. */
class TreePackerTest {
  @TempDir Path tmp;

  private Path src() throws IOException {
    Path src = tmp.resolve("src");
    write(src, "data/a.txt", "a");
    write(src, "data/sub/b.txt", "b");
    write(src, "outside-target.txt", "reached through a link");
    return src;
  }

  @Test
  void linksToFilesAndDirectoriesAreFollowedByDefault() throws IOException {
    Path src = src();
    Files.createSymbolicLink(src.resolve("link.txt"), src.resolve("data/a.txt"));
    Files.createSymbolicLink(src.resolve("linked-dir"), src.resolve("data/sub"));
    Path c = pack(src, tmp.resolve("f.des"), PackOptions.defaults());
    assertThat(contents(c)).containsKeys("link.txt", "linked-dir/b.txt");
    assertThat(contents(c).get("linked-dir/b.txt")).asString().isEqualTo("b");
  }

  @Test
  void noFollowLinksLeavesLinksOutAndCountsThem() throws IOException {
    Path src = src();
    Files.createSymbolicLink(src.resolve("link.txt"), src.resolve("data/a.txt"));
    Files.createSymbolicLink(src.resolve("linked-dir"), src.resolve("data/sub"));
    PackResult r = TreePacker.pack(src, tmp.resolve("n.des"), WriterOptions.defaults(),
        PackOptions.defaults().withFollowLinks(false), PackListener.NONE);
    assertThat(contents(tmp.resolve("n.des")).keySet())
        .containsExactlyInAnyOrder("data/a.txt", "data/sub/b.txt", "outside-target.txt");
    assertThat(r.linksNotFollowed()).isEqualTo(2);
  }

  @Test
  void aSymlinkCycleTerminatesAndIsReported() throws IOException {
    Path src = src();
    Files.createSymbolicLink(src.resolve("data/sub/up"), src.resolve("data"));
    Files.createSymbolicLink(src.resolve("data/self"), Path.of("."));
    List<String> notices = new ArrayList<>();
    PackResult r = TreePacker.pack(src, tmp.resolve("loop.des"), WriterOptions.defaults(), PackOptions.defaults(),
        new PackListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        });
    assertThat(r.loopsSkipped()).isEqualTo(2);
    assertThat(notices).anyMatch(n -> n.contains("'data/sub/up'") && n.contains("loop"));
    assertThat(contents(tmp.resolve("loop.des")).keySet())
        .containsExactlyInAnyOrder("data/a.txt", "data/sub/b.txt", "outside-target.txt");
  }

  @Test
  void aLinkThatResolvesToItselfIsLeftOutNotAHang() throws IOException {
    Path src = src();
    Files.createSymbolicLink(src.resolve("ouroboros"), Path.of("ouroboros"));
    PackResult r = TreePacker.pack(src, tmp.resolve("o.des"), WriterOptions.defaults(),
        PackOptions.defaults(), PackListener.NONE);
    assertThat(r.errors()).isEmpty();
    assertThat(r.brokenLinks()).isEqualTo(1);
  }

  @Test
  void aBrokenSymbolicLinkIsLeftOutWithOneNoticeLikeTarDoes() throws IOException {
    Path src = src();
    Files.createSymbolicLink(src.resolve("data/broken"), src.resolve("data/missing-target"));
    List<String> notices = new ArrayList<>();
    PackResult r = TreePacker.pack(src, tmp.resolve("b.des"), WriterOptions.defaults(), PackOptions.defaults(),
        new PackListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        });
    assertThat(r.errors()).isEmpty();
    assertThat(r.brokenLinks()).isEqualTo(1);
    assertThat(notices).containsExactly("left out 'data/broken': broken symbolic link (its target does not exist)");
    assertThat(contents(tmp.resolve("b.des")).keySet()).doesNotContain("data/broken").contains("data/a.txt");
  }

  /** Unreadable in ways that work even as root: a read that fails, no permission. */
  private List<String> plantUnreadable(Path src) throws IOException {
    List<String> bad = new ArrayList<>();
    if (Files.isRegularFile(Path.of("/proc/self/mem"))) {
      // Reading /proc/self/mem from offset 0 fails with EIO: an I/O error during the read itself.
      Files.createSymbolicLink(src.resolve("data/eio"), Path.of("/proc/self/mem"));
      bad.add("data/eio");
    }
    Path locked = src.resolve("data/locked.txt");
    Files.writeString(locked, "no permission");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (!Files.isReadable(locked)) {
      bad.add("data/locked.txt");
    } else {
      Files.delete(locked);
    }
    return bad;
  }

  @Test
  void anUnreadableFileFailsThePackAndLeavesNothingBehind() throws IOException {
    Path src = src();
    List<String> bad = plantUnreadable(src);
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Path c = out.resolve("fail.des");
    assertThatThrownBy(() -> pack(src, c, PackOptions.defaults().withThreads(3)))
        .isInstanceOf(TreePackException.class)
        .hasMessageContaining("'" + bad.get(0) + "'")
        .hasMessageContaining("nothing was written");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).as("no container and no temporary file").isEmpty();
    }
  }

  @Test
  void eachKindOfUnreadableFileFailsThePackOnItsOwn() throws IOException {
    Path src = src();
    List<String> bad = plantUnreadable(src);
    for (String b : bad) {
      Path alone = tmp.resolve("alone-" + b.replace('/', '_'));
      write(alone, "fine.txt", "fine");
      Files.move(src.resolve(b), alone.resolve("bad"));
      Path c = tmp.resolve("alone-" + b.replace('/', '_') + ".des");
      assertThatThrownBy(() -> pack(alone, c, PackOptions.defaults())).as(b)
          .isInstanceOf(TreePackException.class).hasMessageContaining("'bad'");
      assertThat(c).doesNotExist();
    }
  }

  @Test
  void skipErrorsLeavesUnreadableFilesOutAndReportsEachOne() throws IOException {
    Path src = src();
    List<String> bad = plantUnreadable(src);
    List<PackIssue> heard = new ArrayList<>();
    PackResult r = TreePacker.pack(src, tmp.resolve("skip.des"), WriterOptions.defaults(),
        PackOptions.defaults().withSkipErrors(true).withThreads(2), new PackListener() {
          @Override
          public void skipped(PackIssue issue) {
            heard.add(issue);
          }
        });
    assertThat(r.errors()).extracting(PackIssue::path).containsExactlyInAnyOrderElementsOf(bad);
    assertThat(heard).isEqualTo(r.errors());
    assertThat(contents(tmp.resolve("skip.des")).keySet())
        .containsExactlyInAnyOrder("data/a.txt", "data/sub/b.txt", "outside-target.txt");
    assertThat(r.files()).isEqualTo(3);
  }

  @Test
  void modificationTimesAndPermissionsRoundTrip() throws IOException {
    Path src = src();
    Path a = src.resolve("data/a.txt");
    Files.setLastModifiedTime(a, FileTime.fromMillis(1_234_567_890_123L));
    Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(src.resolve("data/sub"), PosixFilePermissions.fromString("rwx--x--x"));
    Files.setLastModifiedTime(src.resolve("data/sub"), FileTime.fromMillis(1_600_000_000_000L));
    Path c = pack(src, tmp.resolve("attrs.des"), PackOptions.defaults());
    try (DesReader r = DesReader.open(c)) {
      IndexEntry e = r.entry("data/a.txt");
      assertThat(e.mtimeMillis()).isEqualTo(1_234_567_890_123L);
      assertThat(e.mode()).isEqualTo(0750);
      IndexEntry d = r.entry("data/sub");
      assertThat(d.isDirectory()).isTrue();
      assertThat(d.mode()).isEqualTo(0711);
      assertThat(d.mtimeMillis()).isEqualTo(1_600_000_000_000L);
    }
  }

  /** Many small files across directories plus files above the in-memory limit, which are streamed. */
  private Path manyFiles() throws IOException {
    Path src = tmp.resolve("many");
    Random rnd = new Random(5);
    for (int d = 0; d < 12; d++) {
      for (int f = 0; f < 150; f++) {
        byte[] b = new byte[rnd.nextInt(3000)];
        rnd.nextBytes(b);
        Path p = src.resolve("d" + d + (d % 3 == 0 ? "/inner" : "") + "/f" + f + ".bin");
        Files.createDirectories(p.getParent());
        Files.write(p, b);
      }
    }
    byte[] big = new byte[TreePacker.IN_MEMORY_LIMIT + 12345];
    rnd.nextBytes(big);
    Files.write(src.resolve("d1/huge.bin"), big);
    Files.write(src.resolve("d7/huge2.bin"), big);
    return src;
  }

  @Test
  void anyThreadCountWritesTheSameBytesAsOneThread() throws IOException {
    Path src = manyFiles();
    Path one = pack(src, tmp.resolve("t1.des"), PackOptions.defaults().withThreads(1));
    Path four = pack(src, tmp.resolve("t4.des"), PackOptions.defaults().withThreads(4));
    Path many = pack(src, tmp.resolve("t16.des"), PackOptions.defaults().withThreads(16));
    assertThat(PackedTrees.withoutUuid(four)).isEqualTo(PackedTrees.withoutUuid(one));
    assertThat(PackedTrees.withoutUuid(many)).isEqualTo(PackedTrees.withoutUuid(one));
    assertThat(contents(one)).containsExactlyInAnyOrderEntriesOf(contents(src));
  }

  @Test
  void bodiesLieInIndexOrderSoADirectoryIsOneContiguousRange() throws IOException {
    Path c = pack(manyFiles(), tmp.resolve("order.des"), PackOptions.defaults());
    try (DesReader r = DesReader.open(c); Stream<IndexEntry> s = r.entries()) {
      long end = 32; // bodies start right after the 32-byte v2 header, back to back in write order
      int files = 0;
      for (IndexEntry e : (Iterable<IndexEntry>) s.filter(e -> !e.isDirectory())::iterator) {
        assertThat(e.dataOffset()).as(e.name()).isEqualTo(end);
        end = e.dataEnd();
        files++;
      }
      assertThat(files).isEqualTo(12 * 150 + 2);
    }
  }

  @Test
  void packingAFileOrAMissingDirectoryIsRefused() throws IOException {
    Path src = src();
    assertThatThrownBy(() -> pack(src.resolve("outside-target.txt"), tmp.resolve("x.des"), PackOptions.defaults()))
        .isInstanceOf(java.nio.file.NotDirectoryException.class);
    assertThatThrownBy(() -> pack(src.resolve("nope"), tmp.resolve("y.des"), PackOptions.defaults()))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(tmp.resolve("x.des")).doesNotExist();
  }

  @Test
  void metadataIsComputedPerFile() throws IOException {
    Path src = src();
    Path c = tmp.resolve("meta.des");
    TreePacker.pack(src, c, WriterOptions.defaults(), PackOptions.defaults().withThreads(3)
        .withMetadata((file, path) -> io.easystore.internal.json.ReferenceJson.object().put("from", path)), PackListener.NONE);
    try (DesReader r = DesReader.open(c)) {
      assertThat(r.getMeta("data/sub/b.txt").get("from").asText()).isEqualTo("data/sub/b.txt");
    }
  }

  @Test
  void threadCountsOutsideTheSupportedRangeAreRefused() {
    assertThatThrownBy(() -> PackOptions.defaults().withThreads(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads must be 1..256");
    assertThatThrownBy(() -> PackOptions.defaults().withThreads(257)).isInstanceOf(IllegalArgumentException.class);
  }
}
