package io.easystore.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.crypto.Encryption;
import io.easystore.crypto.KeyProviders;
import org.junit.jupiter.api.Test;

class UpdateOptionsTest {
  @Test
  void defaultsAreUnchangedByBuilderRoundTrip() {
    UpdateOptions d = UpdateOptions.defaults();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(UpdateOptions.builder().build()).isEqualTo(d);
    assertThat(d.create()).isFalse();
    assertThat(d.commitOnClose()).isFalse();
    assertThat(d.writerOptions()).isEqualTo(WriterOptions.defaults());
    assertThat(d.compactionBytesPerSecond()).isZero();
  }

  @Test
  void withersDoNotResetOtherSettings() {
    WriterOptions deflate = WriterOptions.defaults().withCodec(CodecId.DEFLATE);
    UpdateOptions o = UpdateOptions.builder().create(true).commitOnClose(true).writerOptions(deflate)
        .compactionBytesPerSecond(1000).build();
    UpdateOptions changed = o.withCompactionBytesPerSecond(0).withCreate(false);
    assertThat(changed.commitOnClose()).isTrue();
    assertThat(changed.writerOptions()).isEqualTo(deflate);
    assertThat(changed.create()).isFalse();
    assertThat(changed.compactionBytesPerSecond()).isZero();
    assertThat(changed.withCreate(true).withCompactionBytesPerSecond(1000)).isEqualTo(o);
    assertThat(o.toString()).startsWith("UpdateOptions[create=true, commitOnClose=true, writerOptions=WriterOptions[");
  }

  @Test
  void builderRejectsV1WriterOptions() {
    assertThatThrownBy(() -> UpdateOptions.builder().writerOptions(WriterOptions.v1()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("in-place updates need the native format (v2)")
        .hasMessageContaining("formatVersion(2)");
  }

  @Test
  void builderRejectsNegativeCompactionRate() {
    assertThatThrownBy(() -> UpdateOptions.defaults().withCompactionBytesPerSecond(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compactionBytesPerSecond");
  }

  @Test
  void encryptedWriterOptionsAreRefusedBeforeAnyContainerIsCreated() {
    // Before the check moved into build(), create(true) wrote an encrypted empty container and only
    // then failed with EncryptedContainerUpdateException, leaving the file behind.
    WriterOptions encrypted = WriterOptions.defaults()
        .withEncryption(Encryption.of("k1", KeyProviders.of("k1", new byte[32])));
    assertThatThrownBy(() -> UpdateOptions.defaults().withCreate(true).withWriterOptions(encrypted))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted")
        .hasMessageContaining("encryption(null)");
  }
}
