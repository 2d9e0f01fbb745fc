package io.easystore.internal.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.LimitExceededException;
import io.easystore.ReaderOptions;
import io.easystore.UnsupportedVersionException;
import io.easystore.WriterOptions;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.updates.CommitRecord;
import io.easystore.internal.fpack.FpackIndex;
import io.easystore.internal.v2.KeyBlock;
import io.easystore.internal.updates.SegmentFooter;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.common.Formats;
import io.easystore.io.RangeSources;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every framed region of easystore-core, through its real parser: a good region parses; its
 * version set to one below the oldest and one above the newest gives the distinct TooOld and
 * TooNew errors (neither a CorruptContainerException); a flipped magic or checksum gives a
 * CorruptContainerException naming the container and the offset of the field.
 */
class FramedRegionsTest {
  @TempDir static Path tmp;

  /** A good region, its parser, and where its frame fields are (-1: the region has none). */
  interface Region {
    String name();

    byte[] good() throws IOException;

    void parse(byte[] b) throws IOException;

    /** Offset of the version field in {@link #good()}, or -1. */
    int versionAt();

    int oldest();

    int newest();

    /** Offset of the magic, or -1 if the region has none. */
    int magicAt();

    /** Offset of the stored checksum, or -1. */
    int checksumAt();

    /** Recomputes the checksum after a field was changed, so that the field is what fails. */
    default byte[] reseal(byte[] b) {
      return b;
    }
  }

  record Spec(String name, Bytes source, Parser parser, int versionAt, int oldest, int newest, int magicAt,
      int checksumAt, Resealer resealer) implements Region {
    @Override
    public byte[] good() throws IOException {
      return source.get();
    }

    @Override
    public void parse(byte[] b) throws IOException {
      parser.parse(b);
    }

    @Override
    public byte[] reseal(byte[] b) {
      return resealer.reseal(b);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  interface Bytes {
    byte[] get() throws IOException;
  }

  interface Parser {
    void parse(byte[] b) throws IOException;
  }

  interface Resealer {
    byte[] reseal(byte[] b);
  }

  static final String C = "framed.des";

  static byte[] container(WriterOptions o) throws IOException {
    Path out = Files.createTempFile(tmp, "c", ".des");
    try (DesWriter w = DesWriter.create(out, o)) {
      w.addFile("ab", new byte[] {1, 2, 3});
    }
    return Files.readAllBytes(out);
  }

  static void parseV2(byte[] c) throws IOException {
    V2Footer f = V2Footer.parse(C, c, c.length - V2Footer.SIZE, c.length);
    f.checkCrc(C, c, (int) f.rootStart(), c, c.length - V2Footer.SIZE);
  }

  static byte[] commitRecord() {
    CommitRecord r = new CommitRecord(1, 0, 200, 200, UUID.randomUUID(), List.of(), 0, 0, 0, 0, 0, 0, List.of());
    byte[] probe = r.encode();
    CommitRecord placed = new CommitRecord(1, 200 + probe.length, 200, 200, r.uuid(), List.of(), 0, 0, 0, 0, 0, 0,
        List.of());
    return placed.encode();
  }

  static void parseCommit(byte[] b) throws IOException {
    int footerAt = b.length - CommitRecord.FOOTER_SIZE;
    CommitRecord.parse(C, b, footerAt, b, 0, 200 + b.length);
  }

  static byte[] resealCommit(byte[] b) {
    int footerAt = b.length - CommitRecord.FOOTER_SIZE;
    int crc = Checksums.crc32c(b, 0, footerAt, b, footerAt, 68);
    ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(footerAt + 68, crc);
    return b;
  }

  static byte[] keyBlock() {
    return new KeyBlock(KeyBlock.AES_256_GCM, true, KeyBlock.DEFAULT_CHUNK_SHIFT, "k1", new byte[8]).encode();
  }

  static byte[] resealKeyBlock(byte[] b) {
    int crc = Checksums.crc32c(b, 0, b.length - 4, b, 0, 0);
    ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, crc);
    return b;
  }

  static byte[] segmentFooter() throws IOException {
    // A one-entry container with its footer magic swapped is a leaf-rooted segment ending at its end.
    byte[] c = container(WriterOptions.defaults());
    assertThat(c[c.length - V2Footer.SIZE + 11]).as("a one-entry container has a leaf root").isEqualTo((byte) 1);
    System.arraycopy(CommitRecord.SEGMENT_MAGIC, 0, c, c.length - V2Footer.SIZE, 8);
    return c;
  }

  static Stream<Region> regions() {
    return Stream.of(
        new Spec("v1 footer", () -> container(WriterOptions.v1()),
            b -> V1Footer.parse(C, ByteBuffer.wrap(b, b.length - V1Footer.SIZE, V1Footer.SIZE).slice(), b.length),
            -V1Footer.SIZE + 8, Formats.V1, Formats.V1, -V1Footer.SIZE, -1, b -> b),
        new Spec("v2 footer", () -> container(WriterOptions.defaults()), FramedRegionsTest::parseV2,
            -V2Footer.SIZE + 8, Formats.V2_FOOTER_OLDEST, Formats.V2_FOOTER_NEWEST, -V2Footer.SIZE, -4, b -> b),
        new Spec("delta segment footer", FramedRegionsTest::segmentFooter,
            b -> SegmentFooter.parse(C, b, b.length - V2Footer.SIZE, b.length),
            -V2Footer.SIZE + 8, Formats.SEGMENT_OLDEST, Formats.SEGMENT_NEWEST, -V2Footer.SIZE, -1, b -> b),
        new Spec("commit record", FramedRegionsTest::commitRecord, FramedRegionsTest::parseCommit,
            -CommitRecord.FOOTER_SIZE + 9, Formats.COMMIT_RECORD_OLDEST, Formats.COMMIT_RECORD_NEWEST,
            -CommitRecord.FOOTER_SIZE, -4, FramedRegionsTest::resealCommit),
        new Spec("key block", FramedRegionsTest::keyBlock, b -> KeyBlock.parse(C, 0, b, 0, b.length), 8,
            Formats.KEY_BLOCK_OLDEST, Formats.KEY_BLOCK_NEWEST, 0, -4, FramedRegionsTest::resealKeyBlock),
        new Spec("FilePacker table", () -> Files.readAllBytes(Fixtures.file("fp-dataset.fpack")),
            b -> FpackIndex.read(RangeSources.memory(C, b), 1_000_000), 0, Formats.FPACK_OLDEST,
            Formats.FPACK_NEWEST, -1, -1, b -> b));
  }

  /** Negative offsets in a spec count from the end of the region. */
  static int abs(byte[] b, int at) {
    return at < 0 ? b.length + at : at;
  }

  @ParameterizedTest
  @MethodSource("regions")
  void goodRegionParses(Region r) throws IOException {
    byte[] b = r.good();
    assertThatCode(() -> r.parse(b)).as(r.name()).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("regions")
  void tooOldAndTooNewVersionsGiveDistinctErrors(Region r) throws IOException {
    int at = abs(r.good(), r.versionAt());
    byte[] old = r.good();
    old[at] = (byte) (r.oldest() - 1);
    assertThatThrownBy(() -> r.parse(r.reseal(old))).as(r.name())
        .isInstanceOf(UnsupportedVersionException.TooOld.class)
        .isNotInstanceOf(CorruptContainerException.class)
        .hasMessageStartingWith(C + " @ offset")
        .hasMessageContaining("oldest supported: " + r.oldest());
    byte[] neu = r.good();
    neu[at] = (byte) (r.newest() + 1);
    assertThatThrownBy(() -> r.parse(r.reseal(neu))).as(r.name())
        .isInstanceOf(UnsupportedVersionException.TooNew.class)
        .hasMessageContaining("newest supported: " + r.newest())
        .hasMessageContaining("upgrade EasyStore");
    UnsupportedVersionException e = catchVersion(r, neu);
    assertThat(e.container()).isEqualTo(C);
    assertThat(e.version()).isEqualTo(r.newest() + 1);
  }

  private static UnsupportedVersionException catchVersion(Region r, byte[] b) {
    try {
      r.parse(r.reseal(b));
    } catch (UnsupportedVersionException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError(r.name() + " accepted version " + b);
  }

  @ParameterizedTest
  @MethodSource("regions")
  void flippedMagicIsCorruptionNamingContainerAndOffset(Region r) throws IOException {
    if (r.magicAt() == -1 && r.name().equals("FilePacker table")) {
      return; // the FilePacker layout has no magic; its version byte is its only frame
    }
    byte[] b = r.good();
    int at = abs(b, r.magicAt());
    b[at + 1] ^= 0x20;
    assertThatThrownBy(() -> r.parse(r.reseal(b))).as(r.name())
        .isInstanceOf(CorruptContainerException.class)
        .hasMessageStartingWith(C + " @ offset ");
  }

  @ParameterizedTest
  @MethodSource("regions")
  void flippedChecksumIsCorruptionNamingTheRegion(Region r) throws IOException {
    if (r.checksumAt() == -1) {
      return; // v1 footers, segment footers (checked as v2 footers) and FilePacker tables have none
    }
    byte[] b = r.good();
    b[abs(b, r.checksumAt())] ^= 1;
    assertThatThrownBy(() -> r.parse(b)).as(r.name())
        .isInstanceOf(CorruptContainerException.class)
        .hasMessageStartingWith(C + " @ offset ")
        .hasMessageContaining("checksum mismatch (stored ");
  }

  @Test
  void containerDispatchGoesThroughTheOneVersionTable() throws IOException {
    byte[] c = container(WriterOptions.defaults());
    int at = c.length - V1Footer.SIZE + 8;
    for (int v = 0; v < 256; v++) {
      c[at] = (byte) v;
      final int version = v;
      boolean known = v == Formats.V1 || v == Formats.V2 || v == Formats.V2_ENCRYPTED || v == Formats.V2_UPDATED;
      try (DesReader r = DesReader.open(RangeSources.memory("d.des", c), ReaderOptions.defaults())) {
        assertThat(known).as("version %d opened", version).isTrue();
      } catch (UnsupportedVersionException e) {
        // A known footer version may still lead to a region of an unknown version (0x82 over plain
        // v2 bytes reads page_shift as the commit record's version); only unknown ones stop here.
        assertThat(known).as("version %d refused at the footer: %s", version, e.getMessage())
            .isEqualTo(e.offset() != at);
        if (!known) {
          assertThat(e).isInstanceOf(v < Formats.OLDEST ? UnsupportedVersionException.TooOld.class
              : UnsupportedVersionException.TooNew.class);
        }
      } catch (CorruptContainerException e) {
        // A known version whose layout the other bytes do not follow (v1 over v2 bytes): damage.
        assertThat(known).as("version %d: %s", version, e.getMessage()).isTrue();
      }
    }
  }

  @Test
  void limitErrorIsNotCorruption() {
    LimitExceededException e = new LimitExceededException(C, 12, null, "entry count", 10, 5, "a knob");
    assertThat((Object) e).isNotInstanceOf(CorruptContainerException.class).isInstanceOf(IOException.class);
    assertThat(e).hasMessage(C + " @ offset 12: entry count is 10, above the limit of 5 (raise it with a knob)");
    assertThat(e.container()).isEqualTo(C);
    assertThat(e.offset()).isEqualTo(12);
  }

  @Test
  void readerLimitIsNotCorruptionSoQuarantiningCallersKeepTheFile() throws IOException {
    Path c = Files.createTempFile(tmp, "many", ".des");
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      for (int i = 0; i < 5; i++) {
        w.addFile("f" + i, new byte[] {(byte) i});
      }
    }
    IOException thrown = null;
    try (DesReader r = DesReader.open(RangeSources.file(c), ReaderOptions.defaults().withMaxEntries(2))) {
      r.list("");
    } catch (IOException e) {
      thrown = e;
    }
    assertThat(thrown).isInstanceOf(LimitExceededException.class).isNotInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("withMaxEntries");
  }

  @Test
  void checksumHelperNamesRegionAndBothValues() {
    assertThatThrownBy(() -> Framing.checkChecksum(C, 68, "footer", 0x12, 0x34, " over x"))
        .isInstanceOf(CorruptContainerException.class)
        .hasMessage(C + " @ offset 68: footer checksum mismatch (stored 00000012, computed 00000034 over x)");
    assertThatThrownBy(() -> Framing.checkChecksum(C, 8, "body", 1L, 2L, ""))
        .hasMessage(C + " @ offset 8: body checksum mismatch (stored 0000000000000001, computed 0000000000000002)");
    assertThat(Framing.hasMagic(new byte[3], 0, new byte[4])).as("short buffer").isFalse();
    assertThat(ByteCursor.getLe32(new byte[] {1, 0, 0, 0}, 0)).isEqualTo(1);
  }
}
