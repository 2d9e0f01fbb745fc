package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.UnsupportedVersionException;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framed regions of record archives and key indexes go through the shared framing checks:
 * versions below and above the supported range are distinct UnsupportedVersionExceptions (not
 * damage), a flipped magic or checksum is a CorruptContainerException naming the archive, the
 * offset and the region.
 */
class RecordFramedRegionsTest {
  @TempDir static Path dir;
  static byte[] archive;
  static byte[] index;
  static long firstPage;

  @BeforeAll
  static void build() throws IOException {
    Path a = dir.resolve("f.rec");
    Path ix = dir.resolve("f.user.rix");
    try (RecordWriter w = RecordArchives.create(a, TestArchives.options(CodecId.ZSTD, 4096))) {
      KeyIndexWriter iw = KeyIndexes.writer(ix, KeyType.STRING, "user", w.metadata(), w.name());
      for (int i = 0; i < 50; i++) {
        iw.add("user-" + (i % 7), w.append("record " + i));
      }
      iw.close();
    }
    archive = Files.readAllBytes(a);
    index = Files.readAllBytes(ix);
    firstPage = VolumeHeader.read(RangeSources.memory("a", archive)).firstPageOffset();
  }

  private static void open(byte[] b) throws IOException {
    try (RecordReader r = RecordArchives.open(RangeSources.memory("v", b), ReaderOptions.defaults())) {
      TestArchives.readAll(r);
    }
  }

  private static void openIndex(byte[] b) throws IOException {
    try (KeyIndex ki = KeyIndexes.open(RangeSources.memory("v", b))) {
      ki.lookup("user-3");
    }
  }

  @Test
  void tooNewRecordArchiveIsNotCorruption() {
    byte[] newer = archive.clone();
    ByteBuilder.putLe16(newer, 8, Format.MAX_VERSION + 1);
    assertThatThrownBy(() -> open(newer)).isInstanceOf(UnsupportedVersionException.TooNew.class)
        .isNotInstanceOf(CorruptContainerException.class)
        .hasMessage("v @ offset 8: Unsupported record archive version " + (Format.MAX_VERSION + 1)
            + ": newer than this library reads (newest supported: " + Format.MAX_VERSION + "); upgrade EasyStore");
    byte[] older = archive.clone();
    ByteBuilder.putLe16(older, 8, Format.VERSION_1 - 1);
    assertThatThrownBy(() -> open(older)).isInstanceOf(UnsupportedVersionException.TooOld.class)
        .isNotInstanceOf(CorruptContainerException.class);
  }

  @Test
  void volumeHeaderMagicAndChecksumAreCorruption() throws IOException {
    assertThatCode(() -> open(archive)).doesNotThrowAnyException();
    byte[] magic = archive.clone();
    magic[1] ^= 1;
    assertThatThrownBy(() -> open(magic)).isInstanceOf(CorruptContainerException.class)
        .hasMessage("v @ offset 0: not a record archive (bad magic)");
    VolumeHeader h = VolumeHeader.read(RangeSources.memory("v", archive));
    int crcAt = Format.VOLUME_FIXED + (int) (ByteCursor.getLe32(archive, 12) & 0xFFFFFFFFL)
        + (h.version() == Format.VERSION_2 ? Format.VOLUME_SEAL : 0);
    byte[] crc = archive.clone();
    crc[crcAt] ^= 1;
    assertThatThrownBy(() -> open(crc)).isInstanceOf(CorruptContainerException.class)
        .hasMessageStartingWith("v @ offset " + crcAt + ": volume header checksum mismatch (stored ");
  }

  @Test
  void tooOldAndTooNewPageVersionsGiveDistinctErrors() {
    int p = (int) firstPage;
    for (int v : new int[] {Format.VERSION_1 - 1, Format.MAX_VERSION + 1}) {
      byte[] b = archive.clone();
      b[p + 4] = (byte) v;
      int len = Format.PAGE_FIXED + (b[p + 7] & 0xFF) + (b[p + 40] & 0xFF);
      ByteBuilder.putLe32(b, p + len, Format.crc(b, p, len));
      byte[] head = java.util.Arrays.copyOfRange(b, p, b.length);
      assertThatThrownBy(() -> PageHeader.parse("v", head, head.length, p, b.length, ReaderOptions.defaults()))
          .isInstanceOf(v < Format.VERSION_1 ? UnsupportedVersionException.TooOld.class
              : UnsupportedVersionException.TooNew.class)
          .hasMessageStartingWith("v @ offset " + (p + 4) + ": Unsupported record page version " + v);
    }
    byte[] b = archive.clone();
    int len = Format.PAGE_FIXED + (b[p + 7] & 0xFF) + (b[p + 40] & 0xFF);
    b[p + len] ^= 1;
    byte[] head = java.util.Arrays.copyOfRange(b, p, b.length);
    assertThatThrownBy(() -> PageHeader.parse("v", head, head.length, p, b.length, ReaderOptions.defaults()))
        .isInstanceOf(CorruptPageException.class)
        .hasMessageStartingWith("v @ offset " + p + ": page header checksum mismatch (stored ");
  }

  @Test
  void tooOldAndTooNewKeyIndexVersionsGiveDistinctErrors() {
    assertThatCode(() -> openIndex(index)).doesNotThrowAnyException();
    int footerAt = index.length - IndexFormat.FOOTER;
    for (int at : new int[] {8, footerAt + 8}) {
      byte[] newer = index.clone();
      ByteBuilder.putLe16(newer, at, IndexFormat.VERSION + 1);
      assertThatThrownBy(() -> openIndex(newer)).as("version at %d", at)
          .isInstanceOf(UnsupportedVersionException.TooNew.class)
          .isNotInstanceOf(CorruptContainerException.class)
          .hasMessageStartingWith("v @ offset " + at + ": Unsupported record key index version");
      byte[] older = index.clone();
      ByteBuilder.putLe16(older, at, IndexFormat.VERSION - 1);
      assertThatThrownBy(() -> openIndex(older)).as("version at %d", at)
          .isInstanceOf(UnsupportedVersionException.TooOld.class);
    }
    byte[] magic = index.clone();
    magic[footerAt + 2] ^= 1;
    assertThatThrownBy(() -> openIndex(magic)).isInstanceOf(CorruptContainerException.class)
        .hasMessage("v @ offset " + footerAt + ": no index footer (truncated or not finished)");
    byte[] crc = index.clone();
    crc[footerAt + 60] ^= 1;
    assertThatThrownBy(() -> openIndex(crc)).isInstanceOf(CorruptContainerException.class)
        .hasMessageStartingWith("v @ offset " + footerAt + ": index footer checksum mismatch (stored ");
  }

  @Test
  void recordVersionErrorsUseTheSharedTypes() {
    assertThat(UnsupportedVersionException.class.getSuperclass()).isEqualTo(IOException.class);
    assertThat(List.of(UnsupportedVersionException.TooNew.class.getSuperclass(),
        UnsupportedVersionException.TooOld.class.getSuperclass())).containsOnly(UnsupportedVersionException.class);
  }
}
