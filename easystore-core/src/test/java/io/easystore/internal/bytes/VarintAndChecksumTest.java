package io.easystore.internal.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.ChecksumKind;
import io.easystore.CorruptContainerException;
import com.github.luben.zstd.ZstdCompressCtx;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VarintAndChecksumTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void varintsRoundTripAndReportTheirSize(long seed) throws Exception {
    Random rnd = new Random(seed);
    ByteBuilder b = new ByteBuilder(16);
    long[] values = new long[2000];
    for (int i = 0; i < values.length; i++) {
      int bits = rnd.nextInt(65);
      values[i] = bits == 64 ? rnd.nextLong() : bits == 0 ? 0 : rnd.nextLong() >>> (64 - bits);
      int before = b.size();
      if (i % 2 == 0) {
        b.varLong(values[i]);
        assertThat(b.size() - before).isEqualTo(ByteBuilder.varLongSize(values[i]));
      } else {
        b.zigzag(values[i]);
        assertThat(b.size() - before).isEqualTo(ByteBuilder.zigzagSize(values[i]));
      }
    }
    ByteCursor c = new ByteCursor("t", 0, b.array(), 0, b.size());
    for (int i = 0; i < values.length; i++) {
      assertThat(i % 2 == 0 ? c.varLong("v") : c.zigzag("v")).isEqualTo(values[i]);
    }
    assertThat(c.remaining()).isZero();
  }

  @Test
  void edgeValuesTakeTheExpectedBytes() {
    assertThat(ByteBuilder.varLongSize(0)).isEqualTo(1);
    assertThat(ByteBuilder.varLongSize(127)).isEqualTo(1);
    assertThat(ByteBuilder.varLongSize(128)).isEqualTo(2);
    assertThat(ByteBuilder.varLongSize(-1)).isEqualTo(10);
    assertThat(ByteBuilder.zigzagSize(-1)).isEqualTo(1);
    assertThat(ByteBuilder.zigzagSize(Long.MIN_VALUE)).isEqualTo(10);
  }

  private static ByteCursor cursor(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new ByteCursor("bad.des", 1000, b, 0, b.length);
  }

  @Test
  void malformedVarintsAreTypedErrorsWithOffsets() {
    assertThatThrownBy(() -> cursor(0x80).varLong("x")).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("bad.des @ offset 1000").hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> cursor(0x80, 0x00).varLong("x")).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("non-canonical");
    assertThatThrownBy(() -> cursor(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).varLong("x"))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("overflows");
    assertThatThrownBy(() -> cursor(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varLong("x"))
        .isInstanceOf(CorruptContainerException.class);
    assertThatThrownBy(() -> cursor(0x90, 0x01).varLong("len", 100)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("above the limit of 100");
    assertThatThrownBy(() -> cursor(1, 2, 3).le32("crc")).isInstanceOf(CorruptContainerException.class);
  }

  @Test
  void largestVarintDecodes() throws Exception {
    assertThat(cursor(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varLong("x")).isEqualTo(-1L);
  }

  @Test
  void xxHash64MatchesTheReferenceVectors() {
    assertThat(Checksums.of(ChecksumKind.XXHASH64, new byte[0], 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Checksums.of(ChecksumKind.XXHASH64, abc, 0, 3)).isEqualTo(0x44BC2CF5AD770999L);
  }

  /** A zstd frame with a checksum ends with the low 32 bits of xxHash64 of its content. */
  @Test
  void xxHash64AgreesWithZstdOnRandomInputsAndSplits() {
    Random rnd = new Random(99);
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[round < 100 ? round : rnd.nextInt(5000)];
      rnd.nextBytes(data);
      byte[] frame;
      try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
        ctx.setChecksum(true);
        frame = ctx.compress(data);
      }
      int zstdLow = ByteCursor.getLe32(frame, frame.length - 4);
      long whole = Checksums.of(ChecksumKind.XXHASH64, data, 0, data.length);
      assertThat((int) whole).as("length %d", data.length).isEqualTo(zstdLow);
      XxHash64 split = new XxHash64();
      int pos = 0;
      while (pos < data.length) {
        int n = Math.min(data.length - pos, rnd.nextInt(40));
        split.update(data, pos, n);
        pos += n;
      }
      assertThat(split.getValue()).isEqualTo(whole);
    }
  }

  @Test
  void crc32cIsTheJdksCastagnoli() {
    byte[] d = "123456789".getBytes(StandardCharsets.US_ASCII);
    CRC32C c = new CRC32C();
    c.update(d);
    assertThat(Checksums.of(ChecksumKind.CRC32C, d, 0, d.length)).isEqualTo(c.getValue()).isEqualTo(0xE3069283L);
  }
}
