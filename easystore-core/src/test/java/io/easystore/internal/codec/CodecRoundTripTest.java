package io.easystore.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {
  static final byte[] DICT = ("{\"level\":\"INFO\",\"source\":\"io.easystore.records\",\"message\":\"request served\","
      + "\"correlationId\":\"").repeat(20).getBytes(StandardCharsets.UTF_8);

  static Stream<Codec> codecs() {
    return Stream.of(Codecs.none(), Codecs.deflate(), Codecs.deflate(1), Codecs.zstd(), Codecs.zstd(19),
        Codecs.zstd(-3), Codecs.zstdWithDictionary(DICT, 3));
  }

  static Stream<Arguments> codecsAndSizes() {
    return codecs().flatMap(c -> Stream.of(0, 1, 100, 65_536, 1 << 20).map(n -> Arguments.of(c, n)));
  }

  static byte[] sample(int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      // Half compressible text, half noise, so both the literal and the match paths run.
      b[i] = (i / 64) % 2 == 0 ? (byte) ('a' + (i % 7)) : (byte) r.nextInt();
    }
    return b;
  }

  @ParameterizedTest
  @MethodSource("codecsAndSizes")
  void oneShotRoundTripReturnsTheInput(Codec codec, int size) throws IOException {
    byte[] in = sample(size, size);
    byte[] packed = codec.compress(in);
    assertThat(codec.decompress(packed, 0, packed.length, size, "t", 0)).isEqualTo(in);
    assertThat(codec.decompressExact(packed, 0, packed.length, size, "t", 0)).isEqualTo(in);
  }

  @ParameterizedTest
  @MethodSource("codecsAndSizes")
  void oneShotRespectsOffsetAndLength(Codec codec, int size) throws IOException {
    byte[] in = sample(size, 7);
    byte[] packed = codec.compress(in);
    byte[] framed = new byte[packed.length + 10];
    System.arraycopy(packed, 0, framed, 3, packed.length);
    assertThat(codec.decompress(framed, 3, packed.length, size, "t", 0)).isEqualTo(in);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void decompressingMoreThanTheLimitIsALimitError(Codec codec) {
    byte[] in = sample(10_000, 1);
    byte[] packed = codec.compress(in);
    assertThatThrownBy(() -> codec.decompress(packed, 0, packed.length, 9_999, "box", 42))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("box @ offset 42")
        .hasMessageContaining("raise it");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void decompressExactRejectsASizeMismatch(Codec codec) {
    byte[] in = sample(1000, 1);
    byte[] packed = codec.compress(in);
    assertThatThrownBy(() -> codec.decompressExact(packed, 0, packed.length, 1001, "t", 0))
        .isInstanceOf(CorruptContainerException.class).isNotInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> codec.decompressExact(packed, 0, packed.length, 999, "t", 0))
        .isInstanceOf(CorruptContainerException.class).isNotInstanceOf(LimitExceededException.class);
  }

  @ParameterizedTest
  @MethodSource("codecsAndSizes")
  void streamsRoundTripWhenFedOneByteAtATime(Codec codec, int size) throws IOException {
    byte[] in = sample(size, 3);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = codec.compressingStream(sink)) {
      for (int i = 0; i < in.length; i += 777) {
        out.write(in, i, Math.min(777, in.length - i));
      }
    }
    byte[] packed = sink.toByteArray();
    try (InputStream z = codec.decompressingStream(new Trickle(packed, 1), size, "t")) {
      assertThat(readAll(z, 1)).isEqualTo(in);
    }
    try (InputStream z = codec.decompressingStream(new Trickle(packed, 5), size, "t")) {
      assertThat(readAll(z, 13)).isEqualTo(in);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void streamingPastTheLimitIsALimitError(Codec codec) throws IOException {
    byte[] in = sample(5000, 3);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = codec.compressingStream(sink)) {
      out.write(in);
    }
    try (InputStream z = codec.decompressingStream(new Trickle(sink.toByteArray(), 3), 4999, "t")) {
      assertThatThrownBy(() -> readAll(z, 64)).isInstanceOf(LimitExceededException.class);
    }
  }

  @Test
  void zstdFramesWithoutAContentSizeAreDecodedWithinTheLimit() throws IOException {
    Codec zstd = Codecs.zstd();
    byte[] in = sample(200_000, 5);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = zstd.compressingStream(sink)) {
      out.write(in);
    }
    byte[] packed = sink.toByteArray();
    assertThat(zstd.decompress(packed, 0, packed.length, in.length, "t", 0)).isEqualTo(in);
    assertThatThrownBy(() -> zstd.decompress(packed, 0, packed.length, in.length - 1, "t", 0))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void concatenatedZstdFramesDecodeAsOne() throws IOException {
    Codec zstd = Codecs.zstd();
    byte[] a = zstd.compress(sample(1000, 1));
    byte[] b = zstd.compress(sample(2000, 2));
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(zstd.decompress(both, 0, both.length, 3000, "t", 0)).hasSize(3000);
    assertThatThrownBy(() -> zstd.decompress(both, 0, both.length, 2999, "t", 0))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void aDictionaryFrameDecodedWithoutItsDictionaryIsCorrupt() {
    // Raw-content dictionaries carry no id, so only the missing dictionary is detectable here;
    // formats that use them checksum the plaintext as well.
    byte[] in = CodecRoundTripTest.sample(3000, 9);
    System.arraycopy(DICT, 0, in, 0, 1000);
    byte[] packed = Codecs.zstdWithDictionary(DICT, 3).compress(in);
    assertThatThrownBy(() -> Codecs.zstd().decompress(packed, 0, packed.length, 3000, "t", 0))
        .isInstanceOf(CorruptContainerException.class);
  }

  @Test
  void codecIdsAreStableAndUnknownIdsAreCorruption() throws IOException {
    assertThat(CodecId.fromId(0, "t", 0)).isEqualTo(CodecId.NONE);
    assertThat(CodecId.fromId(1, "t", 0)).isEqualTo(CodecId.DEFLATE);
    assertThat(CodecId.fromId(2, "t", 0)).isEqualTo(CodecId.ZSTD);
    assertThat(CodecId.fromId(3, "t", 0)).isEqualTo(CodecId.ZSTD_DICTIONARY);
    assertThat(CodecId.fromLabel("ZSTD")).isEqualTo(CodecId.ZSTD);
    assertThatThrownBy(() -> CodecId.fromId(4, "box", 12)).isInstanceOf(CorruptContainerException.class)
        .hasMessageContaining("box @ offset 12");
    assertThatThrownBy(() -> Codecs.of(CodecId.ZSTD_DICTIONARY)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] readAll(InputStream in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[chunk];
    int n;
    while ((n = in.read(buf, 0, chunk)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Hands out at most {@code step} bytes per read, like a slow socket. */
  static final class Trickle extends ByteArrayInputStream {
    private final int step;

    Trickle(byte[] b, int step) {
      super(b);
      this.step = step;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, step));
    }
  }
}
