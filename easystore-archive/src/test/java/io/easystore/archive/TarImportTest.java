package io.easystore.archive;

import static io.easystore.archive.ArchiveFixtures.Entry.dir;
import static io.easystore.archive.ArchiveFixtures.Entry.file;
import static io.easystore.archive.ArchiveFixtures.Entry.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.EntryAttributes;
import io.easystore.LimitExceededException;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarImportTest {
  @TempDir Path tmp;

  private static final long T1 = 1_600_000_000_000L;
  private static final long T2 = 1_700_000_000_000L;
  private static final String LONG = "deep/" + "x".repeat(150) + "/name-longer-than-the-100-bytes-of-ustar.txt";

  private static List<ArchiveFixtures.Entry> goodEntries() {
    return List.of(
        dir("./", 0755, T1),
        dir("./data/", 0750, T1),
        file("./data/a.txt", "alpha", 0640, T2),
        file("data/sub/b.bin", "beta", 0600, T1),
        file("README", "readme", 0644, T2),
        file("λ/ünï.txt", "unicode", 0644, T2),
        file(LONG, "long name", 0644, T1),
        dir("empty/", 0700, T2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gz", "bzip2", "xz", "zstd"})
  void plainAndCompressedTarsImportWithTimesModesAndDirectories(String compression) throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("in.tar." + compression), compression, goodEntries());
    Path c = tmp.resolve("out.des");
    ImportResult r = Importers.importFile(tar, c, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(r.format()).isEqualTo(compression.equals("none") ? "tar" : "tar+" + compression);
    assertThat(r.skipped()).isEmpty();
    assertThat(ArchiveFixtures.files(c)).containsOnlyKeys("data/a.txt", "data/sub/b.bin", "README", "λ/ünï.txt", LONG);
    assertThat(new String(ArchiveFixtures.files(c).get("data/a.txt"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("alpha");
    var attrs = ArchiveFixtures.attributes(c);
    assertThat(attrs.get("data/a.txt")).isEqualTo(new EntryAttributes(T2, 0640));
    assertThat(attrs.get("data")).isEqualTo(new EntryAttributes(T1, 0750));
    assertThat(attrs.get("empty")).isEqualTo(new EntryAttributes(T2, 0700));
    assertThat(r.files()).isEqualTo(5);
  }

  private static List<ArchiveFixtures.Entry> hostileEntries() {
    List<ArchiveFixtures.Entry> e = new ArrayList<>();
    e.add(file("ok.txt", "fine", 0644, T1));
    e.add(file("../escape.txt", "up", 0644, T1));
    e.add(file("/etc/passwd-copy", "absolute", 0644, T1));
    e.add(file("a/../../climb.txt", "climb", 0644, T1));
    e.add(file("C:/windows.txt", "drive", 0644, T1));
    e.add(file("back\\slash.txt", "backslash", 0644, T1));
    e.add(link("passwd-link", TarArchiveEntry.LF_SYMLINK, "/etc/passwd"));
    e.add(link("up-link", TarArchiveEntry.LF_SYMLINK, "../../outside"));
    e.add(link("inside-link", TarArchiveEntry.LF_SYMLINK, "ok.txt"));
    e.add(link("hard", TarArchiveEntry.LF_LINK, "ok.txt"));
    e.add(new ArchiveFixtures.Entry("fifo", TarArchiveEntry.LF_FIFO, new byte[0], 0644, T1, null));
    e.add(new ArchiveFixtures.Entry("tty", TarArchiveEntry.LF_CHR, new byte[0], 0644, T1, null));
    e.add(file("ok.txt", "second copy", 0644, T1));
    e.add(file("ok.txt/below", "below a file", 0644, T1));
    e.add(file("last.txt", "still imported after all that", 0644, T1));
    return e;
  }

  @Test
  void hostileEntriesAreSkippedEachWithAMessage() throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("evil.tar"), "none", hostileEntries());
    Path c = tmp.resolve("evil.des");
    ImportResult r = Importers.importFile(tar, c, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(c)).containsOnlyKeys("ok.txt", "last.txt", "hard");
    assertThat(new String(ArchiveFixtures.files(c).get("ok.txt"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("second copy");
    assertThat(new String(ArchiveFixtures.files(c).get("hard"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("fine");
    assertThat(r.skipped()).hasSize(12);
    assertThat(String.join("\n", r.skipped()))
        .contains("'../escape.txt' has a '..' segment")
        .contains("'/etc/passwd-copy' is an absolute path")
        .contains("'a/../../climb.txt' has a '..' segment")
        .contains("'C:/windows.txt' starts with a drive letter")
        .contains("'back\\slash.txt' contains '\\'")
        .contains("'passwd-link' is a symbolic link to '/etc/passwd', which points outside the archive")
        .contains("'up-link' is a symbolic link to '../../outside', which points outside the archive")
        .contains("'inside-link' is a symbolic link to 'ok.txt' (not imported")
        .contains("'fifo' is a FIFO")
        .contains("'tty' is a character device")
        .contains("'ok.txt' appears again later in the archive")
        .contains("'ok.txt/below' lies below 'ok.txt', which is a file");
  }

  @Test
  void strictImportFailsOnTheFirstHostileEntryAndLeavesNothing() throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("evil.tar"), "gz", hostileEntries());
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThatThrownBy(() -> Importers.importFile(tar, out.resolve("s.des"), WriterOptions.defaults(),
        ImportOptions.defaults().withStrict(true)))
        .isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("[entry 'ok.txt']").hasMessageContaining("appears again later")
        .hasMessageContaining("nothing was written");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
  }

  /** A gzip of zeros: a few hundred KB that expand to {@code mib} MiB. */
  private Path zeros(int mib) throws IOException {
    Path p = tmp.resolve("bomb.tar.gz");
    try (OutputStream file = Files.newOutputStream(p); OutputStream gz = ArchiveFixtures.compress(file, "gz");
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      TarArchiveEntry t = new TarArchiveEntry("zeros.bin");
      t.setSize((long) mib << 20);
      tar.putArchiveEntry(t);
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < mib; i++) {
        tar.write(chunk);
      }
      tar.closeArchiveEntry();
    }
    return p;
  }

  @Test
  void aDecompressionBombStopsAtTheRatioBoundAndLeavesNothing() throws IOException {
    Path bomb = zeros(80);
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThatThrownBy(() -> Importers.importFile(bomb, out.resolve("b.des"), WriterOptions.defaults(),
        ImportOptions.defaults()))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("expansion ratio")
        .hasMessageContaining("--max-ratio");
    assertThatThrownBy(() -> Importers.importFile(bomb, out.resolve("c.des"), WriterOptions.defaults(),
        ImportOptions.defaults().withMaxBytes(1 << 20)))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("expanded size").hasMessageContaining("--max-bytes");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
    Path ok = tmp.resolve("ok.des");
    Importers.importFile(bomb, ok, WriterOptions.defaults(), ImportOptions.defaults().withMaxRatio(100_000));
    assertThat(ArchiveFixtures.files(ok).get("zeros.bin")).hasSize(80 << 20);
  }

  @Test
  void theEntryCountIsBounded() throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("many.tar"), "none", goodEntries());
    assertThatThrownBy(() -> Importers.importFile(tar, tmp.resolve("m.des"), WriterOptions.defaults(),
        ImportOptions.defaults().withMaxEntries(3)))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("entry count");
    assertThat(tmp.resolve("m.des")).doesNotExist();
  }

  @Test
  void garbageAndTruncatedArchivesGiveOneClearTypedError() throws IOException {
    Path garbage = tmp.resolve("garbage.bin");
    Files.write(garbage, "this is not an archive at all, just some text".repeat(20).getBytes());
    assertThatThrownBy(() -> Importers.importFile(garbage, tmp.resolve("g.des"), WriterOptions.defaults(),
        ImportOptions.defaults()))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("not a recognised archive");
    Path tar = ArchiveFixtures.tar(tmp.resolve("t.tar.gz"), "gz", goodEntries());
    byte[] bytes = Files.readAllBytes(tar);
    Path cut = tmp.resolve("cut.tar.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> Importers.importFile(cut, tmp.resolve("cut.des"), WriterOptions.defaults(),
        ImportOptions.defaults())).isInstanceOf(IOException.class);
    assertThat(tmp.resolve("cut.des")).doesNotExist();
    assertThat(tmp.resolve("g.des")).doesNotExist();
  }
}
