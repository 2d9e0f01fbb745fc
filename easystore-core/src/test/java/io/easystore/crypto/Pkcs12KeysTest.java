package io.easystore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.easystore.internal.crypto.PageSealerTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeysTest {
  static final byte[] KEY = PageSealerTest.key(11);
  static final String B64 = Base64.getEncoder().encodeToString(KEY);
  static final String PASSWORD = "store-pass-123";

  @TempDir Path dir;

  /** A PKCS12 keystore with an AES-256 entry, an AES-128 entry and an HmacSHA256 entry. */
  Path keystore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    KeyStore.PasswordProtection pp = new KeyStore.PasswordProtection(PASSWORD.toCharArray());
    ks.setEntry("logs-2024", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY, "AES")), pp);
    ks.setEntry("short", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[16], "AES")), pp);
    ks.setEntry("hmac", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "HmacSHA256")), pp);
    Path f = dir.resolve("keys.p12");
    try (OutputStream out = Files.newOutputStream(f)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    return f;
  }

  static void assertNoSecrets(Throwable e) {
    assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(B64);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain(PASSWORD).doesNotContain(B64);
    }
  }

  @Test
  void aliasesAreKeyIds() throws Exception {
    KeyProvider p = KeyProviders.pkcs12(keystore(), PASSWORD.toCharArray());
    assertThat(p.key("logs-2024").getEncoded()).isEqualTo(KEY);
    assertThat(p.key("LOGS-2024").getEncoded()).as("PKCS12 aliases ignore case").isEqualTo(KEY);
    assertThat(p.toString()).doesNotContain(PASSWORD).doesNotContain(B64);
  }

  @Test
  void theCallerMayClearThePasswordAfterwards() throws Exception {
    char[] pw = PASSWORD.toCharArray();
    KeyProvider p = KeyProviders.pkcs12(keystore(), pw);
    java.util.Arrays.fill(pw, '\0');
    assertThat(p.key("logs-2024").getEncoded()).isEqualTo(KEY);
  }

  @Test
  void aMissingAliasIsMissing() throws Exception {
    KeyProvider p = KeyProviders.pkcs12(keystore(), PASSWORD.toCharArray());
    assertThatThrownBy(() -> p.key("absent")).isInstanceOf(MissingKeyException.class)
        .hasMessageContaining("absent").hasMessageContaining("keys.p12")
        .satisfies(e -> assertThat(((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.MISSING));
  }

  @Test
  void aWrongPasswordIsAWrongKeyForEveryId() throws Exception {
    KeyProvider p = KeyProviders.pkcs12(keystore(), "not-the-password".toCharArray());
    assertThatThrownBy(() -> p.key("logs-2024")).isInstanceOf(WrongKeyException.class)
        .hasMessageContaining("password").hasMessageContaining("keys.p12")
        .satisfies(e -> {
          assertThat(((KeyUnavailableException) e).reason()).isEqualTo(KeyUnavailableException.Reason.WRONG);
          assertThat(e.getMessage()).doesNotContain("not-the-password");
          assertNoSecrets(e);
        });
  }

  @Test
  void entriesThatAreNotAes256AreMalformed() throws Exception {
    KeyProvider p = KeyProviders.pkcs12(keystore(), PASSWORD.toCharArray());
    assertThatThrownBy(() -> p.key("short")).isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("128-bit").satisfies(Pkcs12KeysTest::assertNoSecrets);
    assertThatThrownBy(() -> p.key("hmac")).isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("not AES").satisfies(Pkcs12KeysTest::assertNoSecrets);
  }

  @Test
  void anEmptyKeystoreHasNoKeys() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    Path f = dir.resolve("empty.p12");
    try (OutputStream out = Files.newOutputStream(f)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    assertThatThrownBy(() -> KeyProviders.pkcs12(f, PASSWORD.toCharArray()).key("any"))
        .isInstanceOf(MissingKeyException.class);
  }

  @Test
  void aMissingOrGarbageKeystoreIsReportedPerLookup() throws Exception {
    assertThatThrownBy(() -> KeyProviders.pkcs12(dir.resolve("none.p12"), PASSWORD.toCharArray()).key("k"))
        .isInstanceOf(MissingKeyException.class).hasMessageContaining("does not exist");
    Path junk = Files.writeString(dir.resolve("junk.p12"), "this is not a keystore " + B64);
    assertThatThrownBy(() -> KeyProviders.pkcs12(junk, PASSWORD.toCharArray()).key("k"))
        .isInstanceOf(MalformedKeyException.class).satisfies(Pkcs12KeysTest::assertNoSecrets)
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }

  @Test
  void aKeystoreMadeByKeytoolWorks() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeThat(Files.isExecutable(keytool)).as("keytool in java.home").isTrue();
    Path f = dir.resolve("tool.p12");
    Process p = new ProcessBuilder(keytool.toString(), "-genseckey", "-alias", "archive-key", "-keyalg", "AES",
        "-keysize", "256", "-storetype", "PKCS12", "-keystore", f.toString(), "-storepass", PASSWORD)
        .redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    KeyProvider keys = KeyProviders.pkcs12(f, PASSWORD.toCharArray());
    assertThat(keys.key("archive-key").getEncoded()).hasSize(32);
    assertThat(keys.key("archive-key").getAlgorithm()).isEqualTo("AES");
    assertThatThrownBy(() -> KeyProviders.pkcs12(f, "wrong".toCharArray()).key("archive-key"))
        .isInstanceOf(WrongKeyException.class);
  }

  @Test
  void inContainerKeepsTheTypeAndNamesTheContainer() {
    KeyUnavailableException e = new MissingKeyException("k", "no key 'k': env not set");
    KeyUnavailableException named = e.inContainer("/data/c.des");
    assertThat(named).isInstanceOf(MissingKeyException.class).hasMessageStartingWith("/data/c.des: no key 'k'");
    assertThat(named.keyId()).isEqualTo("k");
    assertThat(named.inContainer("/data/c.des")).isSameAs(named);
    assertThat(KeyUnavailableException.of("k", KeyUnavailableException.Reason.WRONG, "x"))
        .isInstanceOf(WrongKeyException.class);
    assertThat(KeyUnavailableException.of("k", KeyUnavailableException.Reason.MALFORMED, "x"))
        .isInstanceOf(MalformedKeyException.class);
  }
}
