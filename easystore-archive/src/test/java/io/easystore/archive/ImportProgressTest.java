package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * des import shows progress with a known total, the size of the input file: whatever the kind of
 * input, the positions reported rise during the import and end exactly at that size.
 */
class ImportProgressTest {
  @TempDir Path tmp;

  private static final int FILES = 8;

  /** Bodies that barely compress, so the input is several of the importer's 64 KiB reads long. */
  private static String body(int i) {
    byte[] b = new byte[96 << 10];
    new Random(i).nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Imports {@code source} and checks the positions heard; returns them. */
  private List<Long> importWithProgress(Path source) throws IOException {
    List<Long> heard = new ArrayList<>();
    Path out = tmp.resolve("out-" + source.getFileName() + ".des");
    try (DesWriter w = DesWriter.create(out)) {
      Importers.importFile(source, w, ImportOptions.defaults(), heard::add);
    }
    long size = Files.size(source);
    assertThat(heard).isNotEmpty();
    for (int i = 1; i < heard.size(); i++) {
      assertThat(heard.get(i)).as("position %d", i).isGreaterThan(heard.get(i - 1));
    }
    assertThat(heard.get(heard.size() - 1)).as("the last position is the input's size").isEqualTo(size);
    assertThat(heard).allSatisfy(p -> assertThat(p).isBetween(1L, size));
    return heard;
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gz", "bzip2", "xz", "zstd"})
  void tarImportReportsBytesOfTheArchiveReadUpToItsSize(String compression) throws IOException {
    List<ArchiveFixtures.Entry> entries = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      entries.add(ArchiveFixtures.Entry.file("d/f" + i, body(i), 0644, 0));
    }
    Path tar = ArchiveFixtures.tar(tmp.resolve("in.tar." + compression), compression, entries);
    // Rising positions that end at the size: two or more mean the bar moved before the end (bzip2
    // reads its input in 900 kB blocks, so it moves in few, large steps).
    assertThat(importWithProgress(tar)).as("the bar moves before the end").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void zipImportReportsEachEntrysPlaceUpToTheArchivesSize() throws IOException {
    Path z = tmp.resolve("in.zip");
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(z)) {
      for (int i = 0; i < FILES; i++) {
        ZipArchiveEntry e = new ZipArchiveEntry("d/f" + i);
        e.setMethod(ZipEntry.DEFLATED);
        zip.putArchiveEntry(e);
        zip.write(body(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        zip.closeArchiveEntry();
      }
    }
    // The first entry starts at 0, which is no progress; the other seven and the end are.
    assertThat(importWithProgress(z)).hasSize(FILES);
  }

  @Test
  void containerImportReportsStoredBytesCopiedUpToTheContainersSize() throws IOException {
    Path c = tmp.resolve("in.des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      for (int i = 0; i < FILES; i++) {
        w.addFile("f" + i, body(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
    }
    assertThat(importWithProgress(c)).as("one position per file, then the end").hasSize(FILES + 1);
  }

  @Test
  void fpackImportEndsAtThePacksSize() throws IOException {
    importWithProgress(Fixtures.file("fp-dataset.fpack"));
  }
}
