package io.easystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codecs;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProviders;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WriterOptionsTest {
  private static final Encryption ENC = Encryption.of("k1", KeyProviders.of("k1", new byte[32]));

  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    WriterOptions d = WriterOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(WriterOptions.builder().build()).isEqualTo(d);
    assertThat(d.formatVersion()).isEqualTo(2);
    assertThat(d.codec()).isEqualTo(CodecId.ZSTD);
    assertThat(d.level()).isEqualTo(Codecs.DEFAULT_ZSTD_LEVEL);
    assertThat(d.trainDictionaries()).isFalse();
    assertThat(d.dictionaryBytes()).isEqualTo(WriterOptions.DEFAULT_DICTIONARY_BYTES);
    assertThat(d.sortMemoryBytes()).isEqualTo(WriterOptions.DEFAULT_SORT_MEMORY_BYTES);
    assertThat(d.checksum()).isEqualTo(ChecksumKind.CRC32C);
    assertThat(d.tempDir()).isNull();
    assertThat(d.encryption()).isNull();
    assertThat(d.externalThreshold()).isEqualTo(WriterOptions.NO_EXTERNAL);
    WriterOptions v1 = WriterOptions.v1();
    assertThat(v1.toBuilder().build()).isEqualTo(v1);
    assertThat(v1.codec()).isEqualTo(CodecId.NONE);
    assertThat(v1.level()).isZero();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    Path tmp = Path.of("/tmp/x");
    WriterOptions o = WriterOptions.builder().codec(CodecId.ZSTD).level(19).dictionaries(true).dictionaryBytes(4096)
        .sortMemoryBytes(1 << 20).checksum(ChecksumKind.XXHASH64).tempDir(tmp).encryption(ENC)
        .externalThreshold(1000).build();
    WriterOptions changed = o.withSortMemoryBytes(2 << 20).withTempDir(null).withExternalThreshold(5);
    assertThat(changed.codec()).isEqualTo(CodecId.ZSTD);
    assertThat(changed.level()).isEqualTo(19);
    assertThat(changed.trainDictionaries()).isTrue();
    assertThat(changed.dictionaryBytes()).isEqualTo(4096);
    assertThat(changed.checksum()).isEqualTo(ChecksumKind.XXHASH64);
    assertThat(changed.encryption()).isEqualTo(ENC);
    assertThat(changed.sortMemoryBytes()).isEqualTo(2 << 20);
    assertThat(changed.tempDir()).isNull();
    assertThat(changed.externalThreshold()).isEqualTo(5);
    assertThat(o.withLevel(5).trainDictionaries()).isTrue();
    assertThat(o.withEncryption(null).withEncryption(ENC)).isEqualTo(o);
  }

  @Test
  void withersKeepTheirOldMeaning() {
    WriterOptions d = WriterOptions.defaults();
    // withCodec brings the codec's default level and drops dictionaries a non-zstd codec cannot use.
    WriterOptions dicts = d.withLevel(19).withDictionaries(true);
    assertThat(dicts.codec()).isEqualTo(CodecId.ZSTD);
    assertThat(dicts.level()).isEqualTo(19);
    assertThat(dicts.withCodec(CodecId.DEFLATE).trainDictionaries()).isFalse();
    assertThat(dicts.withCodec(CodecId.DEFLATE).level()).isEqualTo(Codecs.DEFAULT_DEFLATE_LEVEL);
    assertThat(dicts.withCodec(CodecId.ZSTD).trainDictionaries()).isTrue();
    assertThat(dicts.withCodec(CodecId.ZSTD).level()).isEqualTo(Codecs.DEFAULT_ZSTD_LEVEL);
    assertThat(d.withCodec(CodecId.ZSTD_DICTIONARY)).isEqualTo(d.withDictionaries(true));
    assertThat(d.withCodec(CodecId.DEFLATE).withDictionaries(true).level()).isEqualTo(Codecs.DEFAULT_ZSTD_LEVEL);
    assertThat(d.withCodec(CodecId.NONE).level()).isZero();
    // Format 1 turns compression and dictionaries off; back to 2 keeps the layout it had.
    assertThat(dicts.withFormatVersion(1)).isEqualTo(WriterOptions.v1());
    assertThat(WriterOptions.v1().withFormatVersion(2).codec()).isEqualTo(CodecId.NONE);
    // A carried-over codec gives way to a level set with a new codec.
    assertThat(d.toBuilder().codec(CodecId.DEFLATE).build().level()).isEqualTo(Codecs.DEFAULT_DEFLATE_LEVEL);
    assertThat(d.toBuilder().level(1).codec(CodecId.DEFLATE).build().level()).isEqualTo(1);
  }

  @Test
  void builderRejectsDictionaryWithV1Format() {
    assertThatThrownBy(() -> WriterOptions.builder().formatVersion(1).dictionaries(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DES v1 stores bodies uncompressed")
        .hasMessageContaining("formatVersion 1").hasMessageContaining("dictionaries");
    assertThatThrownBy(() -> WriterOptions.builder().formatVersion(1).codec(CodecId.ZSTD_DICTIONARY).build())
        .hasMessageStartingWith("DES v1 stores bodies uncompressed");
    assertThatThrownBy(() -> WriterOptions.v1().withDictionaries(true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRejectsCompressionWithV1Format() {
    assertThatThrownBy(() -> WriterOptions.builder().codec(CodecId.DEFLATE).formatVersion(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DES v1 stores bodies uncompressed; use format 2 for codec deflate")
        .hasMessageContaining("formatVersion(2)");
    assertThatThrownBy(() -> WriterOptions.v1().withCodec(CodecId.ZSTD)).isInstanceOf(IllegalArgumentException.class);
    assertThat(WriterOptions.builder().formatVersion(1).codec(CodecId.NONE).build()).isEqualTo(WriterOptions.v1());
  }

  @Test
  void builderRejectsEncryptionWithV1Format() {
    assertThatThrownBy(() -> WriterOptions.builder().formatVersion(1).encryption(ENC).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DES v1 cannot be encrypted")
        .hasMessageContaining("encryption(null)");
    // Switching an encrypted layout to v1 must not silently write plaintext.
    WriterOptions encrypted = WriterOptions.defaults().withEncryption(ENC);
    assertThatThrownBy(() -> encrypted.withFormatVersion(1)).hasMessageStartingWith("DES v1 cannot be encrypted");
  }

  @Test
  void builderRejectsDictionariesWithANonZstdCodec() {
    assertThatThrownBy(() -> WriterOptions.builder().codec(CodecId.DEFLATE).dictionaries(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dictionaries need the zstd codec")
        .hasMessageContaining("codec deflate");
    assertThatThrownBy(() -> WriterOptions.builder().codec(CodecId.ZSTD_DICTIONARY).dictionaries(false).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstd-dict")
        .hasMessageContaining("dictionaries(false)");
  }

  @Test
  void builderRejectsALevelTheCodecDoesNotHave() {
    assertThatThrownBy(() -> WriterOptions.builder().codec(CodecId.DEFLATE).level(10).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("deflate level must be 0..9, got 10");
    assertThatThrownBy(() -> WriterOptions.builder().level(23).build())
        .hasMessage("zstd level must be -7..22, got 23");
    assertThatThrownBy(() -> WriterOptions.builder().codec(CodecId.NONE).level(5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level 5").hasMessageContaining("none");
    assertThat(WriterOptions.builder().codec(CodecId.NONE).level(0).build().level()).isZero();
  }

  @Test
  void builderRejectsOutOfRangeSizes() {
    WriterOptions.Builder b = WriterOptions.builder();
    assertThatThrownBy(() -> b.formatVersion(3)).hasMessageContaining("format version");
    assertThatThrownBy(() -> b.dictionaryBytes(100)).hasMessageContaining("dictionaryBytes");
    assertThatThrownBy(() -> b.sortMemoryBytes(10)).hasMessageContaining("sortMemoryBytes");
    assertThatThrownBy(() -> b.externalThreshold(-1)).hasMessageContaining("externalThreshold");
    assertThatThrownBy(() -> b.checksum(null)).isInstanceOf(NullPointerException.class);
    assertThat(b.build()).isEqualTo(WriterOptions.defaults());
  }

  @Test
  void equalOptionsPrintAlike() {
    WriterOptions a = WriterOptions.defaults().withCodec(CodecId.DEFLATE);
    WriterOptions b = WriterOptions.builder().codec(CodecId.DEFLATE).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(WriterOptions.defaults());
    assertThat(a.toString()).isEqualTo(b.toString()).startsWith("WriterOptions[formatVersion=2, codec=DEFLATE, level=6");
  }
}
