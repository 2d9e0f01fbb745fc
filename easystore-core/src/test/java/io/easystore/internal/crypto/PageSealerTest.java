package io.easystore.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.KeyProviders;
import io.easystore.crypto.KeyUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class PageSealerTest {
  static final UUID ARCHIVE = new UUID(0x1234, 0x5678);

  public static byte[] key(int seed) {
    byte[] k = new byte[32];
    new Random(seed).nextBytes(k);
    return k;
  }

  static PageSealer sealer(int seed) throws KeyUnavailableException {
    return PageSealer.create("k1", KeyProviders.of("k1", key(seed)));
  }

  static byte[] aad(long offset) {
    byte[] hdr = "header".getBytes(StandardCharsets.US_ASCII);
    return PageSealer.associatedData("test-page", ARCHIVE, offset, hdr, 0, hdr.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 65_536})
  void sealedBlocksOpenToTheirPlaintext(int size) throws Exception {
    byte[] plain = new byte[size];
    new Random(size).nextBytes(plain);
    PageSealer s = sealer(1);
    byte[] sealed = s.seal(plain, 0, size, aad(4096));
    assertThat(sealed).hasSize(size + PageSealer.OVERHEAD);
    assertThat(s.open(sealed, 0, sealed.length, aad(4096), "a", 4096)).isEqualTo(plain);
  }

  @Test
  void everySealUsesAFreshNonce() throws Exception {
    PageSealer s = sealer(1);
    byte[] plain = new byte[64];
    byte[] a = s.seal(plain, 0, 64, aad(0));
    byte[] b = s.seal(plain, 0, 64, aad(0));
    assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void everyAlteredByteFailsAuthentication() throws Exception {
    PageSealer s = sealer(1);
    byte[] plain = "a page of log records".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = s.seal(plain, 0, plain.length, aad(16));
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> s.open(bad, 0, bad.length, aad(16), "arch", 16))
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("arch @ offset 16");
    }
  }

  @Test
  void aBlockMovedToAnotherOffsetOrArchiveFailsAuthentication() throws Exception {
    PageSealer s = sealer(1);
    byte[] sealed = s.seal(new byte[10], 0, 10, aad(16));
    assertThatThrownBy(() -> s.open(sealed, 0, sealed.length, aad(32), "a", 32))
        .isInstanceOf(AuthenticationFailedException.class);
    byte[] other = PageSealer.associatedData("test-page", new UUID(1, 1), 16, new byte[0], 0, 0);
    assertThatThrownBy(() -> s.open(sealed, 0, sealed.length, other, "a", 16))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> s.open(sealed, 0, 20, aad(16), "a", 16))
        .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("shorter");
  }

  @Test
  void theWrongKeyIsReportedAsAKeyProblemThroughTheKeyCheck() throws Exception {
    PageSealer right = sealer(1);
    PageSealer wrong = sealer(2);
    byte[] stored = right.keyCheck();
    right.verifyKeyCheck(stored, "a");
    assertThatThrownBy(() -> wrong.verifyKeyCheck(stored, "arch"))
        .isInstanceOf(KeyUnavailableException.class)
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason())
            .isEqualTo(KeyUnavailableException.Reason.WRONG))
        .hasMessageContaining("arch");
    byte[] sealed = right.seal(new byte[5], 0, 5, aad(0));
    assertThatThrownBy(() -> wrong.open(sealed, 0, sealed.length, aad(0), "a", 0))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void toStringNamesTheKeyIdOnly() throws Exception {
    assertThat(sealer(1).toString()).isEqualTo("PageSealer[AES-256-GCM, key 'k1']");
  }
}
