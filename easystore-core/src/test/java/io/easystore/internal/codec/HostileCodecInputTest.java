package io.easystore.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Truncated, garbage and bit-flipped frames give typed exceptions only, replayable by seed. */
class HostileCodecInputTest {

  static Stream<Codec> compressing() {
    return Stream.of(Codecs.deflate(), Codecs.zstd(), Codecs.zstdWithDictionary(CodecRoundTripTest.DICT, 3));
  }

  static Stream<Arguments> codecsAndSeeds() {
    return compressing().flatMap(c -> LongStream.range(0, 40).mapToObj(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest
  @MethodSource("compressing")
  void everyTruncationIsCorruption(Codec codec) {
    byte[] in = CodecRoundTripTest.sample(4000, 11);
    byte[] packed = codec.compress(in);
    for (int cut = 0; cut < packed.length; cut++) {
      int len = cut;
      assertThatThrownBy(() -> codec.decompress(packed, 0, len, in.length, "t", 0))
          .as("cut at %d of %d", cut, packed.length)
          .isInstanceOf(CorruptContainerException.class)
          .isNotInstanceOf(LimitExceededException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("compressing")
  void everyTruncatedStreamIsCorruption(Codec codec) throws IOException {
    byte[] in = CodecRoundTripTest.sample(3000, 12);
    byte[] packed = codec.compress(in);
    for (int cut = 1; cut < packed.length; cut += 7) {
      try (InputStream z = codec.decompressingStream(
          new CodecRoundTripTest.Trickle(Arrays.copyOf(packed, cut), 2), in.length, "t")) {
        assertThatThrownBy(() -> CodecRoundTripTest.readAll(z, 16)).as("cut at %d", cut)
            .isInstanceOf(CorruptContainerException.class);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecsAndSeeds")
  void bitFlipsGiveCorruptionOrSomeBoundedOutput(Codec codec, long seed) {
    Random r = new Random(seed);
    byte[] in = CodecRoundTripTest.sample(2000 + r.nextInt(2000), seed);
    byte[] packed = codec.compress(in);
    for (int flips = 0; flips < 20; flips++) {
      byte[] bad = packed.clone();
      bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
      try {
        byte[] out = codec.decompress(bad, 0, bad.length, in.length, "t", 0);
        assertThat(out.length).isLessThanOrEqualTo(in.length);
      } catch (CorruptContainerException | io.easystore.LimitExceededException expected) {
        assertThat(expected).hasMessageStartingWith("t @ offset 0");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecsAndSeeds")
  void garbageIsCorruption(Codec codec, long seed) {
    Random r = new Random(seed);
    byte[] junk = new byte[1 + r.nextInt(300)];
    r.nextBytes(junk);
    if (codec.id() != CodecId.DEFLATE) {
      assertThatThrownBy(() -> codec.decompress(junk, 0, junk.length, 1 << 20, "t", 0))
          .isInstanceOf(CorruptContainerException.class);
    } else {
      // A random zlib header is rejected by its FCHECK bits 30 times out of 31; accept bounded output.
      try {
        assertThat(codec.decompress(junk, 0, junk.length, 1 << 20, "t", 0).length).isLessThanOrEqualTo(1 << 20);
      } catch (CorruptContainerException expected) {
        assertThat(expected.container()).isEqualTo("t");
      } catch (io.easystore.LimitExceededException expected) {
        assertThat(expected.container()).isEqualTo("t");
      }
    }
  }

  @Test
  void aZstdHeaderClaimingFourGigabytesIsALimitErrorBeforeAnyAllocation() {
    // Frame header: magic, FHD = single segment + 8-byte content size, then 2^32 little-endian.
    byte[] frame = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD, (byte) 0xE0,
        0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> Codecs.zstd().decompress(frame, 0, frame.length, 1 << 20, "t", 0))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("4294967296");
  }

  @Test
  void aDeflateBombStopsAtTheLimit() {
    byte[] zeros = new byte[50 << 20];
    byte[] bomb = Codecs.deflate(9).compress(zeros);
    assertThat(bomb.length).isLessThan(100_000);
    assertThatThrownBy(() -> Codecs.deflate().decompress(bomb, 0, bomb.length, 1 << 20, "t", 0))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void trailingBytesAfterADeflateBlockAreCorruption() {
    byte[] packed = Codecs.deflate().compress(new byte[100]);
    byte[] longer = Arrays.copyOf(packed, packed.length + 3);
    assertThatThrownBy(() -> Codecs.deflate().decompress(longer, 0, longer.length, 100, "t", 0))
        .isInstanceOf(CorruptContainerException.class).hasMessageContaining("trailing");
  }
}
