package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.easystore.CorruptContainerException;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports give what tar, unzip and Python give for the same archive (interop audit, check 3). */
class ArchiveInteropTest {
  @TempDir Path tmp;

  static boolean gnuTar() {
    try {
      Process p = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 && out.contains("GNU tar");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a shell command in {@code dir} (bash, for $'..' byte names), failing the test when it fails. */
  static void sh(Path dir, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(command + ": " + out).isZero();
  }

  private static String text(Map<String, byte[]> files, String name) {
    assertThat(files).containsKey(name);
    return new String(files.get(name), StandardCharsets.UTF_8);
  }

  @Test
  void aTarUpdatedWithTarRImportsTheLastCopy() throws Exception {
    assumeTrue(gnuTar(), "GNU tar not installed");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("hello"), "first");
    sh(src, "tar cf ../a.tar hello && echo second > hello && tar rf ../a.tar hello");
    Path c = tmp.resolve("a.des");
    ImportResult r = Importers.importFile(tmp.resolve("a.tar"), c, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(text(ArchiveFixtures.files(c), "hello")).isEqualTo("second\n");
    assertThat(r.files()).isEqualTo(1);
    assertThat(r.skipped()).singleElement().asString().contains("'hello' appears again later in the archive");
    assertThatThrownBy(() -> Importers.importFile(tmp.resolve("a.tar"), tmp.resolve("s.des"), WriterOptions.defaults(),
        ImportOptions.defaults().withStrict(true)))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("[entry 'hello']")
        .hasMessageContaining("appears again later");
    assertThat(tmp.resolve("s.des")).doesNotExist();
  }

  @Test
  void aZipWithTwoEntriesOfOneNameImportsTheLast() throws IOException {
    Path zip = tmp.resolve("dup.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
      for (String body : List.of("first", "other", "second")) {
        z.putArchiveEntry(new ZipArchiveEntry(body.equals("other") ? "b.txt" : "a.txt"));
        z.write(body.getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
      }
    }
    Path c = tmp.resolve("dup.des");
    ImportResult r = Importers.importFile(zip, c, WriterOptions.defaults(), ImportOptions.defaults());
    Map<String, byte[]> files = ArchiveFixtures.files(c);
    assertThat(text(files, "a.txt")).isEqualTo("second");
    assertThat(text(files, "b.txt")).isEqualTo("other");
    assertThat(r.skipped()).singleElement().asString().contains("'a.txt' appears again later");
  }

  @Test
  void hardLinksImportAsFilesWithTheirTargetsBody() throws Exception {
    assumeTrue(gnuTar(), "GNU tar not installed");
    Path src = Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(src.resolve("bzcat"), "#!program body");
    sh(src, "ln bzcat bunzip2 && ln bunzip2 bzip2 && cd .. && tar czf bin.tar.gz bin");
    Path c = tmp.resolve("bin.des");
    ImportResult r = Importers.importFile(tmp.resolve("bin.tar.gz"), c, WriterOptions.defaults(),
        ImportOptions.defaults());
    Map<String, byte[]> files = ArchiveFixtures.files(c);
    assertThat(files).containsOnlyKeys("bin/bzcat", "bin/bunzip2", "bin/bzip2");
    for (String name : files.keySet()) {
      assertThat(text(files, name)).isEqualTo("#!program body");
    }
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aHardLinkToNothingEarlierIsLeftOutWithAMessage() throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("l.tar"), "none", List.of(
        ArchiveFixtures.Entry.link("early", TarArchiveEntry.LF_LINK, "later.txt"),
        ArchiveFixtures.Entry.file("later.txt", "body", 0644, 1_600_000_000_000L),
        ArchiveFixtures.Entry.link("out", TarArchiveEntry.LF_LINK, "../etc/passwd")));
    ImportResult r = Importers.importFile(tar, tmp.resolve("l.des"), WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(tmp.resolve("l.des"))).containsOnlyKeys("later.txt");
    assertThat(String.join("\n", r.skipped()))
        .contains("'early' is a hard link to 'later.txt' which is no file earlier in the archive")
        .contains("'out' is a hard link to '../etc/passwd', which points outside the archive");
  }

  @Test
  void nonUtf8TarNamesAreEscapedWithAMessageAndNeverCollide() throws Exception {
    assumeTrue(gnuTar(), "GNU tar not installed");
    for (String format : List.of("gnu", "posix")) {
      Path src = Files.createDirectories(tmp.resolve("n-" + format));
      sh(src, "echo e9 > $'x\\xe9.txt' && echo e8 > $'x\\xe8.txt' && echo ok > 'zaż.txt' && tar --format=" + format
          + " -cf ../n-" + format + ".tar *");
      Path c = tmp.resolve("n-" + format + ".des");
      ImportResult r = Importers.importFile(tmp.resolve("n-" + format + ".tar"), c, WriterOptions.defaults(),
          ImportOptions.defaults());
      Map<String, byte[]> files = ArchiveFixtures.files(c);
      assertThat(files).as(format).containsOnlyKeys("x%E9.txt", "x%E8.txt", "zaż.txt");
      assertThat(text(files, "x%E9.txt")).isEqualTo("e9\n");
      assertThat(text(files, "x%E8.txt")).isEqualTo("e8\n");
      assertThat(r.skipped()).isEmpty();
      assertThat(r.notes()).hasSize(2).allSatisfy(n -> assertThat(n).contains("is not valid UTF-8; imported as"));
    }
  }

  @Test
  void utf8NamesInPaxHeadersAndUstarFieldsDecodeAsUtf8() throws IOException {
    Path tar = ArchiveFixtures.tar(tmp.resolve("u.tar"), "gz", List.of(
        ArchiveFixtures.Entry.file("café.txt", "pax", 0644, 1_600_000_000_000L)));
    Path plain = tmp.resolve("ustar.tar");
    try (OutputStream out = Files.newOutputStream(plain);
        TarArchiveOutputStream t = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
      TarArchiveEntry e = new TarArchiveEntry("żółw.txt");
      e.setSize(5);
      t.putArchiveEntry(e);
      t.write("ustar".getBytes(StandardCharsets.UTF_8));
      t.closeArchiveEntry();
    }
    Importers.importFile(tar, tmp.resolve("u.des"), WriterOptions.defaults(), ImportOptions.defaults());
    Importers.importFile(plain, tmp.resolve("p.des"), WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(text(ArchiveFixtures.files(tmp.resolve("u.des")), "café.txt")).isEqualTo("pax");
    assertThat(text(ArchiveFixtures.files(tmp.resolve("p.des")), "żółw.txt")).isEqualTo("ustar");
  }

  @Test
  void zipNamesFollowTheLanguageEncodingFlagOrCp437WithAMessage() throws IOException {
    Path zip = tmp.resolve("names.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
      z.setEncoding(StandardCharsets.ISO_8859_1.name());
      z.setUseLanguageEncodingFlag(false);
      z.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
      for (String n : List.of("x\u00e9.txt", "x\u00e8.txt")) {
        z.putArchiveEntry(new ZipArchiveEntry(n));
        z.write(n.getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
      }
    }
    Path utf = tmp.resolve("utf.zip");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(utf)) {
      z.putArchiveEntry(new ZipArchiveEntry("zażółć.txt"));
      z.closeArchiveEntry();
    }
    ImportResult r = Importers.importFile(zip, tmp.resolve("z.des"), WriterOptions.defaults(), ImportOptions.defaults());
    // CP437 0xE9 is Θ, 0xE8 is Φ: distinct names, both imported, both reported.
    assertThat(ArchiveFixtures.files(tmp.resolve("z.des"))).containsOnlyKeys("xΘ.txt", "xΦ.txt");
    assertThat(r.notes()).hasSize(2).allSatisfy(n -> assertThat(n).contains("read as CP437"));
    ImportResult u = Importers.importFile(utf, tmp.resolve("u.des"), WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(tmp.resolve("u.des"))).containsOnlyKeys("zażółć.txt");
    assertThat(u.notes()).isEmpty();
  }

  @Test
  void aFileNamedDotIsLeftOutWithAMessage() throws IOException {
    Path v1 = tmp.resolve("dot.des");
    try (DesWriter w = DesWriter.create(v1, WriterOptions.defaults().withFormatVersion(1))) {
      w.addFile(".", "dot".getBytes(StandardCharsets.UTF_8));
      w.addFile("a", "a".getBytes(StandardCharsets.UTF_8));
    }
    ImportResult r = Importers.importFile(v1, tmp.resolve("dot2.des"), WriterOptions.defaults(),
        ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(tmp.resolve("dot2.des"))).containsOnlyKeys("a");
    assertThat(r.skipped()).singleElement().asString().startsWith("'.' is a file named after the root directory");

    Path tar = ArchiveFixtures.tar(tmp.resolve("dot.tar"), "none", List.of(
        ArchiveFixtures.Entry.dir("./", 0755, 1_600_000_000_000L),
        ArchiveFixtures.Entry.file(".", "a file called .", 0644, 1_600_000_000_000L),
        ArchiveFixtures.Entry.file("./b", "b", 0644, 1_600_000_000_000L)));
    ImportResult t = Importers.importFile(tar, tmp.resolve("dot3.des"), WriterOptions.defaults(),
        ImportOptions.defaults());
    assertThat(ArchiveFixtures.files(tmp.resolve("dot3.des"))).containsOnlyKeys("b");
    assertThat(t.skipped()).singleElement().asString().contains("is a file named after the root directory");
  }
}
