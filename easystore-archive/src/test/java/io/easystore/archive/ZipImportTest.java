package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.EntryAttributes;
import io.easystore.LimitExceededException;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipImportTest {
  @TempDir Path tmp;

  private static final long T = 1_650_000_000_000L;

  private static void put(ZipArchiveOutputStream zip, String name, String body, int unixMode, int method)
      throws IOException {
    ZipArchiveEntry e = new ZipArchiveEntry(name);
    e.setTime(T);
    if (unixMode != 0) {
      e.setUnixMode(unixMode);
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    e.setMethod(method);
    if (method == ZipEntry.STORED) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(b);
      e.setSize(b.length);
      e.setCrc(crc.getValue());
    }
    zip.putArchiveEntry(e);
    zip.write(b);
    zip.closeArchiveEntry();
  }

  @Test
  void storedAndDeflatedEntriesImportWithDirectoriesTimesAndModes() throws IOException {
    Path z = tmp.resolve("in.zip");
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(z)) {
      put(zip, "docs/", "", 040750, ZipEntry.STORED);
      put(zip, "docs/a.txt", "stored body", 0100640, ZipEntry.STORED);
      put(zip, "docs/b.txt", "deflated body ".repeat(100), 0100600, ZipEntry.DEFLATED);
      put(zip, "top.txt", "no unix mode", 0, ZipEntry.DEFLATED);
    }
    Path c = tmp.resolve("z.des");
    ImportResult r = Importers.importFile(z, c, WriterOptions.defaults(), ImportOptions.defaults());
    assertThat(r.format()).isEqualTo("zip");
    assertThat(r.skipped()).isEmpty();
    var files = ArchiveFixtures.files(c);
    assertThat(files).containsOnlyKeys("docs/a.txt", "docs/b.txt", "top.txt");
    assertThat(new String(files.get("docs/b.txt"), StandardCharsets.UTF_8)).isEqualTo("deflated body ".repeat(100));
    var attrs = ArchiveFixtures.attributes(c);
    assertThat(attrs.get("docs/a.txt").mode()).isEqualTo(0640);
    assertThat(attrs.get("docs").mode()).isEqualTo(0750);
    assertThat(attrs.get("top.txt").hasMode()).isFalse();
    // zip stores DOS times with two-second resolution in local time
    assertThat(Math.abs(attrs.get("docs/a.txt").mtimeMillis() - T)).isLessThanOrEqualTo(2000);
    assertThat(attrs.get("docs/a.txt")).isNotEqualTo(EntryAttributes.NONE);
  }

  @Test
  void hostileZipEntriesAndLinksAreSkippedWithMessages() throws IOException {
    Path z = tmp.resolve("evil.zip");
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(z)) {
      put(zip, "good.txt", "good", 0100644, ZipEntry.DEFLATED);
      put(zip, "../../zip-slip.txt", "slip", 0100644, ZipEntry.DEFLATED);
      put(zip, "/abs.txt", "absolute", 0100644, ZipEntry.DEFLATED);
      put(zip, "..\\..\\win-slip.txt", "backslash", 0100644, ZipEntry.DEFLATED);
      put(zip, "dir\\win.txt", "a Windows zip's separator", 0100644, ZipEntry.DEFLATED);
      put(zip, "link", "/etc/shadow", 0120777, ZipEntry.STORED);
    }
    Path c = tmp.resolve("evil.des");
    ImportResult r = Importers.importFile(z, c, WriterOptions.defaults(), ImportOptions.defaults());
    // commons-compress reads backslashes in names from FAT-platform zips as separators, as Windows tools write them.
    assertThat(ArchiveFixtures.files(c)).containsOnlyKeys("good.txt", "dir/win.txt");
    assertThat(String.join("\n", r.skipped()))
        .contains("'../../zip-slip.txt' has a '..' segment")
        .contains("'/abs.txt' is an absolute path")
        .contains("'../../win-slip.txt' has a '..' segment")
        .contains("'link' is a symbolic link to '/etc/shadow', which points outside the archive");
  }

  @Test
  void aZipBombIsStoppedByTheByteBound() throws IOException {
    Path z = tmp.resolve("bomb.zip");
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(z)) {
      ZipArchiveEntry e = new ZipArchiveEntry("zeros");
      zip.putArchiveEntry(e);
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < 8; i++) {
        zip.write(chunk);
      }
      zip.closeArchiveEntry();
    }
    assertThatThrownBy(() -> Importers.importFile(z, tmp.resolve("b.des"), WriterOptions.defaults(),
        ImportOptions.defaults().withMaxBytes(2 << 20)))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("expanded size");
    assertThat(tmp.resolve("b.des")).doesNotExist();
  }
}
