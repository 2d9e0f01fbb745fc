package io.easystore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.internal.crypto.PageSealerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyProvidersTest {
  static final byte[] KEY = PageSealerTest.key(5);
  static final String B64 = Base64.getEncoder().encodeToString(KEY);

  @TempDir Path dir;

  @Test
  void environmentVariablesAreNamedAfterTheKeyId() throws Exception {
    KeyProvider p = KeyProviders.environment(Map.of("EASYSTORE_KEY_LOGS_2024_A", " " + B64 + "\n"));
    assertThat(KeyProviders.envVarName("logs.2024-a")).isEqualTo("EASYSTORE_KEY_LOGS_2024_A");
    assertThat(p.key("logs.2024-a").getEncoded()).isEqualTo(KEY);
    assertThatThrownBy(() -> p.key("other")).isInstanceOf(KeyUnavailableException.class)
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason())
            .isEqualTo(KeyUnavailableException.Reason.MISSING));
  }

  @Test
  void aNamedVariableHoldsOneKey() throws Exception {
    KeyProvider p = KeyProviders.environmentVariable("k", "MY_KEY", Map.of("MY_KEY", B64));
    assertThat(p.key("k").getEncoded()).isEqualTo(KEY);
    assertThatThrownBy(() -> p.key("j")).isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void filesAndDirectoriesHoldBase64Keys() throws Exception {
    Path f = dir.resolve("main.key");
    Files.writeString(f, B64 + "\n");
    assertThat(KeyProviders.file("main", f).key("main").getEncoded()).isEqualTo(KEY);
    assertThat(KeyProviders.directory(dir).key("main").getEncoded()).isEqualTo(KEY);
    assertThatThrownBy(() -> KeyProviders.directory(dir).key("absent"))
        .isInstanceOf(KeyUnavailableException.class).hasMessageContaining("does not exist");
  }

  @Test
  void malformedKeysNeverAppearInMessages() throws Exception {
    String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes(StandardCharsets.US_ASCII));
    String notBase64 = "secret-material-!!";
    for (String bad : new String[] {shortKey, notBase64}) {
      KeyProvider p = KeyProviders.environment(Map.of("EASYSTORE_KEY_K", bad));
      assertThatThrownBy(() -> p.key("k")).isInstanceOf(KeyUnavailableException.class)
          .satisfies(e -> {
            assertThat(((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.MALFORMED);
            assertThat(e.getMessage()).doesNotContain(bad).doesNotContain("secret");
            assertThat(e.getCause()).isNull();
          });
    }
  }

  @Test
  void providersAndKeysDoNotPrintKeyMaterial() throws Exception {
    KeyProvider p = KeyProviders.of("k", KEY);
    SecretKey k = p.key("k");
    assertThat(p.toString()).doesNotContain(B64);
    assertThat(k.toString()).doesNotContain(B64);
    assertThat(KeyProviders.environment(Map.of("EASYSTORE_KEY_K", B64)).toString()).doesNotContain(B64);
  }

  @Test
  void aChainSkipsMissingKeysButStopsAtMalformedOnes() throws Exception {
    KeyProvider chain = KeyProviders.chain(KeyProviders.environment(Map.of()), KeyProviders.of("k", KEY));
    assertThat(chain.key("k").getEncoded()).isEqualTo(KEY);
    KeyProvider broken = KeyProviders.chain(KeyProviders.environment(Map.of("EASYSTORE_KEY_K", "xx")),
        KeyProviders.of("k", KEY));
    assertThatThrownBy(() -> broken.key("k")).isInstanceOf(KeyUnavailableException.class)
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason())
            .isEqualTo(KeyUnavailableException.Reason.MALFORMED));
  }

  @Test
  void invalidKeyIdsAreRejected() {
    assertThatThrownBy(() -> KeyProviders.checkKeyId("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyProviders.checkKeyId("")).isInstanceOf(IllegalArgumentException.class);
  }
}
