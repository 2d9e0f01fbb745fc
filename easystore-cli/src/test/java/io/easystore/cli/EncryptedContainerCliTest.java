package io.easystore.cli;

import io.easystore.testing.KeyLeaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code des} on encrypted DES v2 containers: every reading command with the key options, typed
 * key errors, {@code des info}, keystores, {@code des rekey} between keys, and a scan of every file
 * written and everything printed for the key. Needs container encryption in easystore-core; until
 * it is there, {@link #coreEncryptsContainers} fails the class with one clear message.
 */
class EncryptedContainerCliTest {
  static final byte[] KEY_A = key(1);
  static final byte[] KEY_B = key(2);
  static final String A64 = Base64.getEncoder().encodeToString(KEY_A);
  static final String B64 = Base64.getEncoder().encodeToString(KEY_B);
  static final String PASSWORD = "keystore-pw-42";
  static final String SECRET_TEXT = "the quick secret body ";

  @TempDir Path tmp;
  @TempDir Path secrets;
  final Map<String, String> env = new HashMap<>();
  final List<CliRun> runs = new ArrayList<>();

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (seed * 31 + i * 11 + 5);
    }
    return k;
  }

  CliRun des(String... args) {
    CliRun r = CliRun.withEnv(env, args);
    runs.add(r);
    return r;
  }

  Path tree() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/docs"));
    Files.writeString(src.resolve("a.txt"), SECRET_TEXT.repeat(200));
    Files.writeString(src.resolve("b.json"), "{\"secret\": true}");
    Files.createDirectories(tmp.resolve("src/empty-dir"));
    return tmp.resolve("src");
  }

  Path packed(String... keyArgs) throws Exception {
    Path c = tmp.resolve("c.des");
    List<String> args = new ArrayList<>(List.of("pack", tree().toString(), "-o", c.toString(), "--encrypt"));
    args.addAll(List.of(keyArgs));
    CliRun r = des(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.stderr()).isZero();
    return c;
  }

  @Test
  void everyReadingCommandWorksWithTheKey() throws Exception {
    env.put("KEY_A", A64);
    Path c = packed("--key-env", "KEY_A");
    String cs = c.toString();
    String content = Files.readString(c, StandardCharsets.ISO_8859_1);
    assertThat(content).doesNotContain("quick secret").doesNotContain("a.txt").doesNotContain("b.json");
    assertThat(des("ls", cs, "--key-env", "KEY_A").out()).contains("docs/a.txt").contains("docs/b.json");
    assertThat(des("cat", cs, "docs/a.txt", "--key-env", "KEY_A").out()).isEqualTo(SECRET_TEXT.repeat(200));
    assertThat(des("meta", cs, "docs/b.json", "--key-env", "KEY_A").exit()).isZero();
    assertThat(des("verify", cs, "--key-env", "KEY_A").out()).startsWith("OK:");
    assertThat(des("tree", cs, "--key-env", "KEY_A").exit()).isZero();
    assertThat(des("find", cs, "*.json", "--key-env", "KEY_A").out()).contains("b.json");
    Path x = tmp.resolve("x");
    assertThat(des("extract", cs, "-d", x.toString(), "--key-env", "KEY_A").exit()).isZero();
    assertThat(Files.readString(x.resolve("docs/a.txt"))).isEqualTo(SECRET_TEXT.repeat(200));
    assertThat(des("export", cs, "-o", tmp.resolve("c.tar").toString(), "--key-env", "KEY_A").exit()).isZero();
    CliRun info = des("info", cs, "--key-env", "KEY_A");
    assertThat(info.out()).contains("encryption: AES-256-GCM, key 'default', names and metadata protected");
    env.put("EASYSTORE_KEY_DEFAULT", A64);
    assertThat(des("cat", cs, "docs/b.json").out()).isEqualTo("{\"secret\": true}");
  }

  @Test
  void missingAndWrongKeysAreTypedOneLineErrorsNamingTheContainer() throws Exception {
    env.put("KEY_A", A64);
    env.put("KEY_B", B64);
    Path c = packed("--key-env", "KEY_A", "--key-id", "team-a");
    CliRun missing = des("ls", c.toString());
    assertThat(missing.exit()).isEqualTo(Main.KEY);
    assertThat(missing.stderr()).contains(c.toString()).contains("'team-a'").contains("EASYSTORE_KEY_TEAM_A");
    CliRun wrong = des("cat", c.toString(), "docs/a.txt", "--key-env", "KEY_B");
    assertThat(wrong.exit()).isEqualTo(Main.KEY);
    assertThat(wrong.stderr()).contains(c.toString()).contains("not the key");
    for (CliRun r : List.of(missing, wrong)) {
      assertThat(r.stderr().strip()).doesNotContain("\n");
    }
    CliRun info = des("info", c.toString());
    assertThat(info.exit()).isZero();
    assertThat(info.out()).contains("encrypted (key 'team-a' not available: missing)");
    assertThat(des("info", c.toString(), "--key-env", "KEY_B").out())
        .contains("encrypted (key 'team-a' not available: wrong)");
  }

  @Test
  void visibleNamesEncryptBodiesOnly() throws Exception {
    env.put("KEY_A", A64);
    Path c = packed("--key-env", "KEY_A", "--visible-names");
    assertThat(des("info", c.toString(), "--key-env", "KEY_A").out()).contains("bodies only");
    assertThat(Files.readString(c, StandardCharsets.ISO_8859_1)).doesNotContain("quick secret");
    assertThat(des("cat", c.toString(), "docs/a.txt", "--key-env", "KEY_A").out()).startsWith(SECRET_TEXT);
  }

  @Test
  void aKeystoreAliasIsTheKeyId() throws Exception {
    Path ks = secrets.resolve("keys.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setEntry("archive-2025", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY_A, "AES")),
        new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
    try (OutputStream out = Files.newOutputStream(ks)) {
      store.store(out, PASSWORD.toCharArray());
    }
    env.put("EASYSTORE_KEYSTORE_PASSWORD", PASSWORD);
    Path c = packed("--keystore", ks.toString(), "--key-alias", "archive-2025");
    assertThat(des("info", c.toString(), "--keystore", ks.toString()).out()).contains("key 'archive-2025'");
    assertThat(des("cat", c.toString(), "docs/b.json", "--keystore", ks.toString()).out()).contains("secret");
  }

  @Test
  void rekeyRotatesEncryptsAndDecrypts() throws Exception {
    env.put("KEY_A", A64);
    Path fileB = Files.writeString(secrets.resolve("b.key"), B64 + "\n");
    Path c = packed("--key-env", "KEY_A", "--key-id", "old");
    CliRun rotate = des("rekey", c.toString(), "--key-env", "KEY_A", "--new-key-file", fileB.toString(),
        "--new-key-id", "new");
    assertThat(rotate.exit()).as(rotate.stderr()).isZero();
    assertThat(des("info", c.toString(), "--key-file", fileB.toString()).out()).contains("key 'new'");
    assertThat(des("cat", c.toString(), "docs/a.txt", "--key-env", "KEY_A").exit()).isEqualTo(Main.KEY);
    assertThat(des("cat", c.toString(), "docs/a.txt", "--key-file", fileB.toString()).out()).startsWith(SECRET_TEXT);
    Path plain = tmp.resolve("plain.des");
    assertThat(des("rekey", c.toString(), "--to", plain.toString(), "--key-file", fileB.toString(), "--decrypt")
        .exit()).isZero();
    assertThat(des("info", plain.toString()).out()).contains("encryption: none");
    assertThat(des("rekey", plain.toString(), "--new-key-env", "KEY_A").exit()).isZero();
    assertThat(des("info", plain.toString(), "--key-env", "KEY_A").out()).contains("key 'default'");
  }

  @Test
  void importWritesEncryptedContainers() throws Exception {
    env.put("KEY_A", A64);
    Path plain = tmp.resolve("p.des");
    assertThat(des("pack", tree().toString(), "-o", plain.toString()).exit()).isZero();
    Path tar = tmp.resolve("p.tar");
    assertThat(des("export", plain.toString(), "-o", tar.toString()).exit()).isZero();
    Path c = tmp.resolve("imported.des");
    CliRun imp = des("import", tar.toString(), "-o", c.toString(), "--encrypt", "--key-env", "KEY_A");
    assertThat(imp.exit()).as(imp.stderr()).isZero();
    assertThat(des("info", c.toString(), "--key-env", "KEY_A").out()).contains("AES-256-GCM");
  }

  @Test
  void importReadsAnEncryptedContainerWithItsKey() throws Exception {
    env.put("KEY_A", A64);
    Path c = packed("--key-env", "KEY_A");
    Path copy = tmp.resolve("copy.des");
    CliRun imp = des("import", c.toString(), "-o", copy.toString(), "--key-env", "KEY_A");
    assertThat(imp.exit()).as(imp.stderr()).isZero();
    assertThat(des("cat", copy.toString(), "docs/a.txt").out()).isEqualTo(SECRET_TEXT.repeat(200));
    CliRun noKey = des("import", c.toString(), "-o", tmp.resolve("nokey.des").toString());
    assertThat(noKey.exit()).isNotZero();
    assertThat(noKey.stderr()).contains(c.toString()).contains("default");
  }

  @Test
  void keyBytesNeverAppearInWrittenFilesOrOutput() throws Exception {
    env.put("KEY_A", A64);
    env.put("KEY_B", B64);
    Path fileA = Files.writeString(secrets.resolve("a.key"), A64);
    Path c = packed("--key-env", "KEY_A", "--key-id", "scan");
    String cs = c.toString();
    des("ls", "-l", cs, "--key-file", fileA.toString());
    des("cat", cs, "docs/a.txt", "--key-env", "KEY_A");
    des("meta", cs, "docs/b.json", "--key-env", "KEY_A");
    des("info", cs, "--key-env", "KEY_A");
    des("info", "--json", cs, "--key-env", "KEY_A");
    des("info", cs, "--key-env", "KEY_B");
    des("verify", cs, "--key-env", "KEY_B");
    des("verify", cs, "--key-env", "KEY_A");
    des("extract", cs, "-d", tmp.resolve("out").toString(), "--key-env", "KEY_A");
    des("export", cs, "-o", tmp.resolve("out.tar.gz").toString(), "--key-env", "KEY_A");
    des("rekey", cs, "--to", tmp.resolve("r.des").toString(), "--key-env", "KEY_A", "--new-key-env", "KEY_B");
    env.put("BROKEN", A64.substring(0, 30) + "@@");
    des("cat", cs, "docs/a.txt", "--key-env", "BROKEN");
    des("--debug", "cat", cs, "docs/a.txt", "--key-env", "KEY_B");

    byte[][] needles = {KEY_A, KEY_B, A64.getBytes(StandardCharsets.US_ASCII), B64.getBytes(StandardCharsets.US_ASCII)};
    assertThat(KeyLeaks.assertNoneInFiles(tmp, needles)).isGreaterThan(3);
    for (CliRun r : runs) {
      for (byte[] n : needles) {
        assertThat(KeyLeaks.indexOf(r.stdout(), n)).isEqualTo(-1);
        assertThat(r.stderr()).doesNotContain(new String(n, StandardCharsets.ISO_8859_1));
      }
    }
  }

}
