package io.easystore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.BlockTruncatedException;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.io.RangeSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of damage to a sealed archive has its own exception, naming the archive, offset and page. */
class SealedPageErrorsTest {
  static final byte[] KEY = new byte[32];
  static final ReaderOptions KEYED = ReaderOptions.defaults().withKeys(KeyProviders.of("k1", KEY));

  @TempDir Path dir;
  byte[] archive;
  List<Long> pages;

  /** Equal records, uncompressed: every page has the same length, so pages can be swapped. */
  private byte[] build(String file, List<Long> offsets) throws Exception {
    Path p = dir.resolve(file);
    WriterOptions o = TestArchives.options(CodecId.NONE, 1 << 16).withEncryption("k1", KeyProviders.of("k1", KEY));
    try (RecordWriter w = RecordArchives.create(p, o)) {
      for (int i = 0; i < 30; i++) {
        Bookmark b = w.append("record number " + (100 + i));
        if (offsets != null && !offsets.contains(b.pageOffset())) {
          offsets.add(b.pageOffset());
        }
        if (i % 5 == 4) {
          w.flush();
        }
      }
    }
    return Files.readAllBytes(p);
  }

  @BeforeEach
  void setUp() throws Exception {
    pages = new ArrayList<>();
    archive = build("a.rec", pages);
    assertThat(pages).hasSize(6);
    assertThat(pages.get(2) - pages.get(1)).isEqualTo(pages.get(3) - pages.get(2));
  }

  private int page(int i) {
    return (int) (long) pages.get(i);
  }

  private int pageLength() {
    return page(2) - page(1);
  }

  @Test
  void aFlippedCiphertextBitIsAnAuthenticationFailure() throws Exception {
    byte[] b = archive.clone();
    b[page(2) + pageLength() - 20] ^= 4;
    try (RecordReader r = RecordArchives.open(RangeSources.memory("flip.rec", b), KEYED)) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isExactlyInstanceOf(AuthenticationFailedException.class)
          .hasMessageStartingWith("flip.rec @ offset " + page(2)).hasMessageContaining("page");
      assertThatThrownBy(() -> r.get(new Bookmark(page(2), 0), RecordTypes.utf8()))
          .isExactlyInstanceOf(AuthenticationFailedException.class);
    }
  }

  @Test
  void swappedPagesAreMovedBlocks() throws Exception {
    byte[] b = archive.clone();
    int len = pageLength();
    byte[] one = Arrays.copyOfRange(b, page(1), page(1) + len);
    System.arraycopy(b, page(3), b, page(1), len);
    System.arraycopy(one, 0, b, page(3), len);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("swap.rec", b), KEYED)) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(BlockMovedException.class)
          .hasMessageStartingWith("swap.rec @ offset " + page(1)).hasMessageContaining("page");
    }
    // The last two pages swapped: no intact page follows, yet this is no torn tail.
    byte[] c = archive.clone();
    byte[] four = Arrays.copyOfRange(c, page(4), page(5));
    System.arraycopy(c, page(5), c, page(4), len);
    System.arraycopy(four, 0, c, page(5), len);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("swap.rec", c),
        KEYED.withTolerateTornTail(true))) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(BlockMovedException.class)
          .hasMessageStartingWith("swap.rec @ offset " + page(4));
    }
    assertThatThrownBy(() -> RecordArchives.check(RangeSources.memory("swap.rec", c)))
        .isInstanceOf(CorruptPageException.class).hasCauseInstanceOf(BlockMovedException.class);
  }

  @Test
  void aPageFromAnotherArchiveIsAMovedBlock() throws Exception {
    byte[] other = build("b.rec", null);
    byte[] b = archive.clone();
    System.arraycopy(other, page(2), b, page(2), pageLength());
    try (RecordReader r = RecordArchives.open(RangeSources.memory("copy.rec", b), KEYED)) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(BlockMovedException.class)
          .hasMessageStartingWith("copy.rec @ offset " + page(2)).hasMessageContaining("another archive");
    }
  }

  @Test
  void bytesCutFromAPageAreATruncatedBlockNotATornTail() throws Exception {
    byte[] b = new byte[archive.length - 16];
    int cut = page(2) + 60;
    System.arraycopy(archive, 0, b, 0, cut);
    System.arraycopy(archive, cut + 16, b, cut, archive.length - cut - 16);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("cut.rec", b), KEYED.withTolerateTornTail(true))) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(BlockTruncatedException.class)
          .hasMessageStartingWith("cut.rec @ offset " + page(2));
    }
    assertThatThrownBy(() -> RecordArchives.check(RangeSources.memory("cut.rec", b)))
        .isInstanceOf(CorruptPageException.class).hasCauseInstanceOf(BlockTruncatedException.class);
    // A stored length too short for nonce and tag, with the header checksum fixed.
    byte[] s = archive.clone();
    int p = page(1);
    ByteBuilder.putLe32(s, p + 32, 20);
    int len = 41 + (s[p + 7] & 0xFF) + (s[p + 40] & 0xFF);
    ByteBuilder.putLe32(s, p + len, Format.crc(s, p, len));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("short.rec", s), KEYED)) {
      assertThatThrownBy(() -> r.get(new Bookmark(p, 0), RecordTypes.utf8()))
          .isInstanceOf(BlockTruncatedException.class).hasMessageStartingWith("short.rec @ offset " + p);
    }
  }

  @Test
  void anArchiveCutInItsLastPageIsATornTail() throws Exception {
    byte[] b = Arrays.copyOf(archive, page(5) + 50);
    try (RecordReader r = RecordArchives.open(RangeSources.memory("torn.rec", b), KEYED)) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(TornTailException.class)
          .hasMessageStartingWith("torn.rec @ offset " + page(5));
    }
    assertThat(RecordArchives.check(RangeSources.memory("torn.rec", b)).tornBytes()).isEqualTo(50);
  }

  @Test
  void wrongAndMissingKeysHaveTheirReasons() throws Exception {
    byte[] wrong = new byte[32];
    wrong[0] = 1;
    assertThatThrownBy(() -> RecordArchives.open(RangeSources.memory("k.rec", archive),
        ReaderOptions.defaults().withKeys(KeyProviders.of("k1", wrong))))
        .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("k.rec")
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.WRONG));
    try (RecordReader r = RecordArchives.open(RangeSources.memory("k.rec", archive), ReaderOptions.defaults())) {
      assertThatThrownBy(() -> TestArchives.readAll(r)).isInstanceOf(KeyUnavailableException.class)
          .hasMessageContaining("k.rec")
          .satisfies(e -> assertThat(((KeyUnavailableException) e).reason())
              .isEqualTo(KeyUnavailableException.Reason.MISSING));
    }
  }
}
