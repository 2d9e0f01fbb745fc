package io.easystore.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged and inconsistent archives (D8, D9): one typed error naming archive, entry and offset; nothing imported. */
class ArchiveDamageTest {
  @TempDir Path tmp;

  private static final byte[] BIG = new byte[300_000];

  static {
    new Random(7).nextBytes(BIG);
  }

  private Path archive(String kind) throws IOException {
    if (kind.equals("zip")) {
      Path p = tmp.resolve("in.zip");
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
        z.putNextEntry(new ZipEntry("small.txt"));
        z.write("small".repeat(50).getBytes(StandardCharsets.UTF_8));
        z.putNextEntry(new ZipEntry("big.bin"));
        z.write(BIG);
        z.putNextEntry(new ZipEntry("after.txt"));
        z.write("after".getBytes(StandardCharsets.UTF_8));
      }
      return p;
    }
    return ArchiveFixtures.tar(tmp.resolve("in.tar." + kind), kind, List.of(
        ArchiveFixtures.Entry.file("small.txt", "small".repeat(50), 0644, 1_600_000_000_000L),
        new ArchiveFixtures.Entry("big.bin", TarArchiveEntry.LF_NORMAL, BIG, 0644, 1_600_000_000_000L, null),
        ArchiveFixtures.Entry.file("after.txt", "after", 0644, 1_600_000_000_000L)));
  }

  private Throwable importFailure(Path in) {
    Path out = tmp.resolve("out-" + in.getFileName() + ".des");
    try {
      Importers.importFile(in, out, WriterOptions.defaults(), ImportOptions.defaults());
      return null;
    } catch (Throwable t) {
      assertThat(out).doesNotExist();
      return t;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "zstd", "xz", "bzip2", "zip"})
  void truncatedArchiveNamesTheArchiveTheEntryAndTheOffset(String kind) throws IOException {
    byte[] bytes = Files.readAllBytes(archive(kind));
    Path cut = tmp.resolve("cut." + kind);
    // Cut in the middle of big.bin's (incompressible) body: the failure is while reading that entry.
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    Throwable t = importFailure(cut);
    assertThat(t).isInstanceOf(CorruptContainerException.class);
    assertThat(t).isInstanceOf(ArchiveReadException.class);
    if (!kind.equals("zip") && !kind.equals("bzip2")) {
      // A zip cut in half has no central directory, and a bzip2 stream this small is one block, decoded
      // when the stream opens: both are refused as a whole, before any entry.
      assertThat(t).hasMessageContaining("[entry 'big.bin']");
    }
    assertThat(t.getMessage()).contains(cut.toString()).contains(" @ offset ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "zstd", "xz", "bzip2", "zip"})
  void bitFlippedArchivesFailOnlyWithTypedErrorsNamingTheArchive(String kind) throws IOException {
    byte[] good = Files.readAllBytes(archive(kind));
    Random rnd = new Random(kind.hashCode());
    int failures = 0;
    for (int i = 0; i < 40; i++) {
      byte[] bad = good.clone();
      // Half the flips in the first KiB: compression and tar headers (a zstd frame without checksum
      // does not notice a flip inside stored random data).
      int at = rnd.nextInt(i % 2 == 0 ? Math.min(1024, bad.length) : bad.length);
      bad[at] ^= (byte) (1 << rnd.nextInt(8));
      Path p = tmp.resolve("flip" + i + "." + kind);
      Files.write(p, bad);
      Throwable t = importFailure(p);
      if (t != null) {
        failures++;
        assertThat(t).as("flip at %d", at).isInstanceOf(CorruptContainerException.class);
        assertThat(t.getMessage()).as("flip at %d", at).contains(p.toString());
      }
    }
    assertThat(failures).isPositive();
  }

  @Test
  void aZipEntryWithABadDeflateStreamNamesTheEntry() throws IOException {
    byte[] bytes = Files.readAllBytes(archive("zip"));
    int big = indexOf(bytes, "big.bin".getBytes(StandardCharsets.UTF_8));
    for (int i = big + 200; i < big + 400; i++) {
      bytes[i] = (byte) 0xFF;
    }
    Path p = tmp.resolve("deflate.zip");
    Files.write(p, bytes);
    assertThat(importFailure(p)).isInstanceOf(ArchiveReadException.class)
        .hasMessageContaining("[entry 'big.bin']").hasMessageContaining(p.toString());
  }

  private Path twoFileTar() throws IOException {
    return ArchiveFixtures.tar(tmp.resolve("two.tar"), "none", List.of(
        ArchiveFixtures.Entry.file("first.txt", "1", 0644, 1_600_000_000_000L),
        ArchiveFixtures.Entry.file("second.txt", "2", 0644, 1_600_000_000_000L)));
  }

  @Test
  void tarHeaderWithAWrongChecksumIsRefusedAsGnuTarDoes() throws IOException {
    byte[] bytes = Files.readAllBytes(twoFileTar());
    int second = indexOf(bytes, "second.txt".getBytes(StandardCharsets.US_ASCII));
    System.arraycopy("SECOND".getBytes(StandardCharsets.US_ASCII), 0, bytes, second, 6);
    Path renamed = tmp.resolve("badsum.tar");
    Files.write(renamed, bytes);
    assertThat(importFailure(renamed)).isInstanceOf(ArchiveReadException.class)
        .hasMessageContaining("checksum").hasMessageContaining(" @ offset " + second);

    byte[] zeroSum = Files.readAllBytes(twoFileTar());
    Arrays.fill(zeroSum, 148, 156, (byte) 0);
    Path z = tmp.resolve("zerosum.tar");
    Files.write(z, zeroSum);
    assertThat(importFailure(z)).isInstanceOf(ArchiveReadException.class).hasMessageContaining("checksum")
        .hasMessageContaining(" @ offset 0");
  }

  private byte[] zipOf(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("data.bin"));
      z.write(body);
    }
    return out.toByteArray();
  }

  /** Overwrites a little-endian u32 at {@code at}. */
  private static void u32(byte[] b, int at, long v) {
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
  }

  @Test
  void zipWhoseDataExpandsBeyondItsRecordedSizeIsRefused() throws IOException {
    byte[] zip = zipOf(new byte[100_000]);
    int cd = indexOf(zip, new byte[] {'P', 'K', 1, 2});
    int dd = indexOf(zip, new byte[] {'P', 'K', 7, 8});
    // Central directory and data descriptor agree on 1,000 bytes; the deflate stream yields 100,000.
    u32(zip, cd + 24, 1000);
    u32(zip, dd + 12, 1000);
    Path p = tmp.resolve("lying.zip");
    Files.write(p, zip);
    assertThat(importFailure(p)).isInstanceOf(ArchiveReadException.class)
        .hasMessageContaining("[entry 'data.bin']").hasMessageContaining("expands beyond the recorded size of 1000");
  }

  @Test
  void zipWhoseDataDescriptorDisagreesWithTheCentralDirectoryIsRefused() throws IOException {
    byte[] zip = zipOf("consistent?".getBytes(StandardCharsets.UTF_8));
    int dd = indexOf(zip, new byte[] {'P', 'K', 7, 8});
    u32(zip, dd + 4, 0x12345678);
    Path p = tmp.resolve("descriptor.zip");
    Files.write(p, zip);
    assertThat(importFailure(p)).isInstanceOf(ArchiveReadException.class)
        .hasMessageContaining("data descriptor disagrees").hasMessageContaining(" @ offset " + dd);
  }

  @Test
  void zipWhoseLocalHeaderDisagreesWithTheCentralDirectoryIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry("stored.txt");
      byte[] body = "stored body".getBytes(StandardCharsets.UTF_8);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(body);
      e.setMethod(ZipEntry.STORED);
      e.setSize(body.length);
      e.setCrc(crc.getValue());
      z.putNextEntry(e);
      z.write(body);
    }
    byte[] zip = out.toByteArray();
    u32(zip, 22, 5);
    Path p = tmp.resolve("local.zip");
    Files.write(p, zip);
    assertThat(importFailure(p)).isInstanceOf(ArchiveReadException.class)
        .hasMessageContaining("local header disagrees").hasMessageContaining("[entry 'stored.txt']");
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

}
