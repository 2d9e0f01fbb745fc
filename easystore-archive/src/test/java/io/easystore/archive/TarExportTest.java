package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.testing.Fixtures;
import io.easystore.tree.PackListener;
import io.easystore.tree.PackOptions;
import io.easystore.tree.TreePacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarExportTest {
  @TempDir Path tmp;

  private Path packedTree() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("a/b"));
    Files.createDirectories(src.resolve("empty"));
    Files.writeString(src.resolve("a/b/c.txt"), "c");
    Files.writeString(src.resolve("a/d.txt"), "d".repeat(10_000));
    Files.write(src.resolve("top.bin"), new byte[] {0, 1, 2, (byte) 255});
    Files.writeString(src.resolve("a/" + "n".repeat(120) + ".txt"), "long name");
    Files.setPosixFilePermissions(src.resolve("a/d.txt"), PosixFilePermissions.fromString("rw-r-----"));
    Files.setLastModifiedTime(src.resolve("a/d.txt"), FileTime.fromMillis(1_500_000_000_000L));
    Path c = tmp.resolve("tree.des");
    TreePacker.pack(src, c, WriterOptions.defaults(), PackOptions.defaults(), PackListener.NONE);
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.tar", "out.tar.gz", "out.tgz", "out.tar.zst", "out.tar.xz", "out.tar.bz2"})
  void exportThenImportGivesTheSameFilesDirectoriesAndAttributes(String name) throws IOException {
    Path c = packedTree();
    Path tar = tmp.resolve(name);
    ExportResult x;
    try (DesReader r = DesReader.open(c)) {
      x = TarExporter.export(r, tar, 0);
    }
    assertThat(x.skipped()).isEmpty();
    assertThat(x.files()).isEqualTo(4);
    assertThat(x.directories()).isEqualTo(3);
    Path back = tmp.resolve("back.des");
    ImportResult r = Importers.importFile(tar, back, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(r.skipped()).isEmpty();
    assertThat(ArchiveFixtures.files(back)).containsExactlyInAnyOrderEntriesOf(ArchiveFixtures.files(c));
    assertThat(ArchiveFixtures.attributes(back)).containsExactlyInAnyOrderEntriesOf(ArchiveFixtures.attributes(c));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void gnuTarListsAndExtractsTheExport() throws IOException, InterruptedException {
    Path c = packedTree();
    Path tar = tmp.resolve("gnu.tar");
    try (DesReader r = DesReader.open(c)) {
      TarExporter.export(r, tar, 0);
    }
    Path out = Files.createDirectories(tmp.resolve("x"));
    Process p;
    try {
      p = new ProcessBuilder("tar", "xf", tar.toString(), "-C", out.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("GNU tar is not installed: " + e.getMessage());
      return;
    }
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    assertThat(out.resolve("a/d.txt")).hasContent("d".repeat(10_000));
    assertThat(Files.getLastModifiedTime(out.resolve("a/d.txt")).toMillis()).isEqualTo(1_500_000_000_000L);
    assertThat(Files.isDirectory(out.resolve("empty"))).isTrue();
  }

  @Test
  void theReferencePackExportsAndReimportsExactly() throws IOException {
    Path tar = tmp.resolve("fp.tar");
    try (DesReader r = DesReader.open(Fixtures.file("fp-dataset.fpack"))) {
      TarExporter.export(r, tar, 0);
    }
    Path back = tmp.resolve("fp.des");
    Importers.importFile(tar, back, WriterOptions.defaults(), ImportOptions.defaults());
    Path direct = tmp.resolve("direct.des");
    Importers.importFile(Fixtures.file("fp-dataset.fpack"), direct, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(back)).hasSize(101).containsExactlyInAnyOrderEntriesOf(ArchiveFixtures.files(direct));
  }

  @Test
  void v1NamesThatTarCouldExtractOutsideAreLeftOutWithAMessage() throws IOException {
    Path c = tmp.resolve("v1.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      w.addFile("fine.txt", "ok".getBytes(StandardCharsets.UTF_8));
      w.addFile("..", "escape".getBytes(StandardCharsets.UTF_8));
      w.addFile(".", "dot".getBytes(StandardCharsets.UTF_8));
    }
    Path tar = tmp.resolve("v1.tar");
    ExportResult x;
    try (DesReader r = DesReader.open(c)) {
      x = TarExporter.export(r, tar, 0);
    }
    assertThat(x.files()).isEqualTo(1);
    assertThat(x.skipped()).hasSize(2).allMatch(s -> s.contains("refused") || s.contains("'.'"));
    Path back = tmp.resolve("back.des");
    Importers.importFile(tar, back, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(back).keySet()).isEqualTo(java.util.Set.copyOf(List.of("fine.txt")));
  }
}
