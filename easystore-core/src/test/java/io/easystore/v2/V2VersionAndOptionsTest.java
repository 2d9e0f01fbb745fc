package io.easystore.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.UnsupportedVersionException;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.v1.V1Footer;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2VersionAndOptionsTest {
  @TempDir Path tmp;

  private byte[] sample() throws IOException {
    Path out = tmp.resolve("v.des");
    try (DesWriter w = DesWriter.create(out)) {
      w.addFile("x/y", new byte[] {1, 2, 3});
    }
    return Files.readAllBytes(out);
  }

  @Test
  void v2KeepsTheDesMagicsAndTheV1PathRefusesItAsTooNew() throws IOException {
    byte[] c = sample();
    assertThat(new String(c, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DESHEAD1");
    assertThat(c[8]).isEqualTo((byte) 2);
    int footer = c.length - V1Footer.SIZE;
    assertThat(new String(c, footer, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DESFOOT1");
    assertThat(c[footer + 8]).isEqualTo((byte) 2);
    assertThatThrownBy(() -> V1Footer.parse("v.des", ByteBuffer.wrap(c, footer, V1Footer.SIZE).slice(), c.length))
        .isInstanceOf(UnsupportedVersionException.TooNew.class).hasMessageContaining("Unsupported DES version 2");
  }

  @Test
  void newerAndOlderVersionsGetDistinctErrors() throws IOException {
    byte[] c = sample();
    int at = c.length - V1Footer.SIZE + 8;
    c[at] = 4;
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("n.des", c), io.easystore.ReaderOptions.defaults()))
        .isInstanceOf(UnsupportedVersionException.TooNew.class).hasMessageContaining("newest supported: 3");
    c[at] = 0;
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("o.des", c), io.easystore.ReaderOptions.defaults()))
        .isInstanceOf(UnsupportedVersionException.TooOld.class).hasMessageContaining("oldest supported: 1");
  }

  @Test
  void aV1FileRelabelledAsVersion2IsCorruptNotMisread() throws IOException {
    Path out = tmp.resolve("one.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      w.addFile("a", new byte[] {1});
    }
    byte[] c = Files.readAllBytes(out);
    c[c.length - V1Footer.SIZE + 8] = 2;
    assertThatThrownBy(() -> DesReader.open(RangeSources.memory("r.des", c), io.easystore.ReaderOptions.defaults()))
        .isInstanceOf(io.easystore.CorruptContainerException.class).hasMessageStartingWith("r.des @ offset");
  }

  @Test
  void anEmptyContainerRoundTrips() throws IOException {
    Path out = tmp.resolve("empty.des");
    try (DesWriter w = DesWriter.create(out)) {
      assertThat(w.count()).isZero();
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.listFiles()).isEmpty();
      assertThat(r.list("")).isEmpty();
      assertThat(r.exists("")).isTrue();
      assertThat(r.exists("x")).isFalse();
      assertThat(r.stats().indexLevels()).isEqualTo(1);
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void writerOptionsValidateTheirArguments() {
    WriterOptions d = WriterOptions.defaults();
    assertThat(d.formatVersion()).isEqualTo(2);
    assertThat(d.codec()).isEqualTo(CodecId.ZSTD);
    assertThat(d.withCodec(CodecId.ZSTD_DICTIONARY).trainDictionaries()).isTrue();
    assertThat(d.withCodec(CodecId.ZSTD_DICTIONARY).codec()).isEqualTo(CodecId.ZSTD);
    assertThat(d.withFormatVersion(1).codec()).isEqualTo(CodecId.NONE);
    assertThat(d.withCodec(CodecId.DEFLATE).withDictionaries(true).codec()).isEqualTo(CodecId.ZSTD);
    assertThatThrownBy(() -> d.withFormatVersion(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withLevel(23)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCodec(CodecId.DEFLATE).withLevel(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withSortMemoryBytes(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withDictionaryBytes(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriterOptions.v1().withCodec(CodecId.ZSTD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withCodec(CodecId.NONE).withLevel(0).withDictionaries(false).withCodec(CodecId.DEFLATE)
        .withLevel(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void v1WriterOptionIsStillTheReferenceLayout() throws IOException {
    Path out = tmp.resolve("one.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.v1())) {
      assertThat(w.formatVersion()).isEqualTo(1);
      w.addFile("a", new byte[] {1});
      assertThatThrownBy(() -> w.addDirectory("d", io.easystore.EntryAttributes.NONE))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.formatVersion()).isEqualTo(1);
      assertThat(r.list("")).hasSize(1);
      assertThat(r.isDirectory("")).isTrue();
      assertThat(r.exists("a")).isTrue();
      assertThatThrownBy(() -> r.list("a")).isInstanceOf(java.nio.file.NotDirectoryException.class);
      try (var ch = r.newChannel("a")) {
        assertThat(ch.size()).isEqualTo(1);
      }
    }
  }
}
