package io.easystore.cli.records;

import io.easystore.testing.KeyLeaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared key options on {@code des records}: every source, key ids, typed errors, no key leaks. */
class RecordsKeyOptionsTest {
  static final byte[] KEY = new byte[32];
  static final byte[] OTHER = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KEY[i] = (byte) (0x41 + i);
      OTHER[i] = (byte) (0x90 - i);
    }
  }

  static final String B64 = Base64.getEncoder().encodeToString(KEY);
  static final String PASSWORD = "pkcs12-pass";

  @TempDir Path work;
  @TempDir Path secrets;

  final Map<String, String> env = new HashMap<>();
  final List<String> printed = new ArrayList<>();

  record Result(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  Result run(String stdin, String... args) {
    // As the user runs it: des records ..., through des's one error pipeline.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("records"), java.util.Arrays.stream(args))
        .toArray(String[]::new);
    int code = io.easystore.cli.Main.run(argv, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), env);
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8).replace("\r", ""),
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
    printed.add(r.out);
    printed.add(r.err);
    return r;
  }

  String archive(String name) {
    return work.resolve(name).toString();
  }

  @Test
  void keyEnvNamesTheVariableAndKeyIdDefaultsToDefault() {
    env.put("MY_KEY", B64);
    String a = archive("a.rec");
    Result app = run("one\ntwo\n", "append", a, "--encrypt", "--key-env", "MY_KEY");
    assertThat(app.code).as(app.err).isZero();
    assertThat(run("", "cat", a, "--key-env", "MY_KEY").lines()).containsExactly("one", "two");
    // Without options the key is looked up as EASYSTORE_KEY_<ID>: the id is "default".
    Result none = run("", "cat", a);
    assertThat(none.code).isEqualTo(4);
    assertThat(none.err).contains("'default'").contains("EASYSTORE_KEY_DEFAULT");
    env.put("EASYSTORE_KEY_DEFAULT", B64);
    assertThat(run("", "cat", a).lines()).containsExactly("one", "two");
  }

  @Test
  void keyIdNamesTheKeyInTheArchive() throws Exception {
    Path f = Files.writeString(secrets.resolve("k.key"), B64 + "\n");
    String a = archive("b.rec");
    assertThat(run("x\n", "append", a, "--encrypt", "--key-id", "logs.2024", "--key-file", f.toString()).code).isZero();
    env.put("EASYSTORE_KEY_LOGS_2024", B64);
    assertThat(run("", "cat", a).lines()).containsExactly("x");
    assertThat(run("", "stats", a, "--key-file", f.toString()).out).contains("logs.2024");
  }

  @Test
  void aPkcs12KeystoreEntryIsAKeyNamedByItsAlias() throws Exception {
    Path ks = keystore();
    String a = archive("c.rec");
    Result noPassword = run("x\n", "append", a, "--encrypt", "--keystore", ks.toString(), "--key-alias", "archive-2024");
    assertThat(noPassword.code).isEqualTo(2);
    assertThat(noPassword.err).contains("EASYSTORE_KEYSTORE_PASSWORD");
    env.put("EASYSTORE_KEYSTORE_PASSWORD", PASSWORD);
    Result app = run("x\ny\n", "append", a, "--encrypt", "--keystore", ks.toString(), "--key-alias", "archive-2024");
    assertThat(app.code).as(app.err).isZero();
    assertThat(run("", "cat", a, "--keystore", ks.toString()).lines()).containsExactly("x", "y");
    env.put("KS_PW", PASSWORD);
    env.remove("EASYSTORE_KEYSTORE_PASSWORD");
    assertThat(run("", "tail", a, "--keystore", ks.toString(), "--keystore-password-env", "KS_PW").lines())
        .contains("y");
    env.put("KS_PW", "wrong-password");
    Result wrongPassword = run("", "cat", a, "--keystore", ks.toString(), "--keystore-password-env", "KS_PW");
    assertThat(wrongPassword.code).isEqualTo(4);
    assertThat(wrongPassword.err).contains("password").doesNotContain("wrong-password").doesNotContain(PASSWORD);
  }

  @Test
  void missingMalformedAndWrongKeysAreDistinctErrorsNamingTheArchive() throws Exception {
    Path f = Files.writeString(secrets.resolve("k.key"), B64);
    String a = archive("d.rec");
    assertThat(run("s\n", "append", a, "--encrypt", "--key-id", "k", "--key-file", f.toString()).code).isZero();
    Result missing = run("", "cat", a);
    Path shortKey = Files.writeString(secrets.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
    Result malformed = run("", "cat", a, "--key-file", shortKey.toString());
    Path other = Files.writeString(secrets.resolve("other.key"), Base64.getEncoder().encodeToString(OTHER));
    Result wrong = run("", "cat", a, "--key-file", other.toString());
    for (Result r : List.of(missing, malformed, wrong)) {
      assertThat(r.code).isEqualTo(4);
      assertThat(r.err.strip()).doesNotContain("\n").contains("'k'");
    }
    assertThat(missing.err).contains(a).contains("EASYSTORE_KEY_K");
    assertThat(malformed.err).contains("16 bytes, not 32");
    assertThat(wrong.err).contains(a).contains("not the key");
  }

  @Test
  void keyOptionsWithoutEncryptOnANewArchiveAreRefusedInsteadOfWritingPlaintext() throws Exception {
    env.put("V", B64);
    String a = archive("plain.rec");
    Result r = run("x\n", "append", a, "--key-env", "V");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err.strip()).doesNotContain("\n").contains("--key-env gives a key, but without --encrypt")
        .contains("add --encrypt");
    assertThat(Files.exists(Path.of(a))).as("nothing written").isFalse();
    // An existing encrypted archive is appended to with its key: no --encrypt needed.
    assertThat(run("x\n", "append", a, "--encrypt", "--key-env", "V").code).isZero();
    assertThat(run("y\n", "append", a, "--key-env", "V").code).isZero();
  }

  @Test
  void conflictingKeyOptionsAreUsageErrors() throws Exception {
    Path f = Files.writeString(secrets.resolve("k.key"), B64);
    String a = archive("e.rec");
    env.put("V", B64);
    Result two = run("x\n", "append", a, "--encrypt", "--key-env", "V", "--key-file", f.toString());
    assertThat(two.code).isEqualTo(2);
    assertThat(two.err).contains("only one key source");
    assertThat(run("x\n", "append", a, "--encrypt", "--key-alias", "x").code).isEqualTo(2);
    assertThat(run("x\n", "append", a, "--key-id", "x").code).isEqualTo(2);
    assertThat(run("x\n", "append", a, "--encrypt", "--key-id", "../bad", "--key-env", "V").code).isEqualTo(2);
    Result missingKey = run("x\n", "append", a, "--encrypt", "--key-id", "absent");
    assertThat(missingKey.code).isEqualTo(4);
    assertThat(Files.exists(Path.of(a))).as("nothing written without the key").isFalse();
    assertThat(run("x\n", "append", a, "--encrypt-with", "k", "--encrypt", "--key-env", "V").code).isEqualTo(1);
  }

  @Test
  void keyBytesNeverAppearInWrittenFilesOrOutput() throws Exception {
    Path f = Files.writeString(secrets.resolve("k.key"), B64);
    env.put("THE_KEY", B64);
    env.put("EASYSTORE_KEYSTORE_PASSWORD", PASSWORD);
    Path ks = keystore();
    String a = archive("scan.rec");
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      json.append("{\"id\":").append(i).append(",\"user\":\"u").append(i % 5).append("\"}\n");
    }
    assertThat(run(json.toString(), "append", a, "--encrypt", "--key-id", "scan", "--key-env", "THE_KEY",
        "--page-size", "1024").code).isZero();
    assertThat(run("{\"id\":300,\"user\":\"u0\"}\n", "append", a, "--key-file", f.toString()).code).isZero();
    assertThat(run("", "cat", a, "--key-env", "THE_KEY", "--json").code).isZero();
    assertThat(run("", "tail", a, "--key-file", f.toString()).code).isZero();
    assertThat(run("", "stats", a, "--key-dir", secrets.toString()).code).isZero();
    assertThat(run("", "index", a, "--key", "id", "--key-env", "THE_KEY").code).isZero();
    assertThat(run("", "find", a, "7", "--key", "id", "--key-env", "THE_KEY").code).isZero();
    assertThat(run("", "rekey", a, "--to", archive("scan2.rec"), "--key-env", "THE_KEY", "--new-key-file",
        f.toString(), "--new-key-id", "scan2").code).isZero();
    assertThat(run("", "rekey", a, "--to", archive("scan3.rec"), "--key-env", "THE_KEY", "--decrypt").code).isZero();
    // Failures print messages too: wrong key, malformed key, keystore without the alias.
    env.put("BAD", B64.substring(0, 20) + "!!");
    run("", "cat", a, "--key-env", "BAD");
    env.put("WRONG", Base64.getEncoder().encodeToString(OTHER));
    run("", "cat", a, "--key-env", "WRONG");
    run("", "cat", a, "--keystore", ks.toString());
    run("", "cat", a, "--debug-nonexistent-option", "--key-env", "THE_KEY");

    byte[][] needles = {KEY, B64.getBytes(StandardCharsets.US_ASCII),
        Base64.getUrlEncoder().withoutPadding().encodeToString(KEY).getBytes(StandardCharsets.US_ASCII)};
    assertThat(KeyLeaks.assertNoneInFiles(work, needles)).isGreaterThanOrEqualTo(2);
    for (String text : printed) {
      assertThat(text).doesNotContain(B64).doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1))
          .doesNotContain(PASSWORD);
    }
    assertThat(String.join("", printed)).contains("300").contains("scan");
  }

  @Test
  void rekeyRotatesEncryptsAndDecryptsKeepingRecordsAndPageTimes() throws Exception {
    env.put("OLD", B64);
    env.put("NEW", Base64.getEncoder().encodeToString(OTHER));
    String a = archive("rot.rec");
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      in.append("{\"id\":").append(i).append("}\n");
    }
    assertThat(run(in.toString(), "append", a, "--encrypt", "--key-id", "old", "--key-env", "OLD",
        "--page-size", "512", "--description", "rotating").code).isZero();
    Result statsBefore = run("", "stats", a, "--key-env", "OLD");
    List<String> before = run("", "cat", a, "--key-env", "OLD").lines();
    assertThat(before).hasSize(400);

    Result rot = run("", "rekey", a, "--key-env", "OLD", "--new-key-env", "NEW", "--new-key-id", "new");
    assertThat(rot.code).as(rot.err).isZero();
    assertThat(rot.out).contains("400 records").contains("key 'new'");
    assertThat(run("", "cat", a, "--key-env", "NEW").lines()).isEqualTo(before);
    Result old = run("", "cat", a, "--key-env", "OLD");
    assertThat(old.code).isEqualTo(4);
    assertThat(old.err).contains("not the key");
    Result statsAfter = run("", "stats", a, "--key-env", "NEW");
    assertThat(statsAfter.out).contains("rotating").contains("new");
    assertThat(pageLines(statsAfter.out)).isEqualTo(pageLines(statsBefore.out));

    String plain = archive("plain.rec");
    assertThat(run("", "rekey", a, "--to", plain, "--key-env", "NEW", "--decrypt").code).isZero();
    assertThat(run("", "cat", plain).lines()).isEqualTo(before);
    assertThat(Files.readString(Path.of(plain), StandardCharsets.ISO_8859_1)).contains("\"id\":399");
    assertThat(run("", "rekey", plain, "--to", archive("x.rec")).code).as("new key or --decrypt").isEqualTo(2);
    try (Stream<Path> s = Files.list(work)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  /** The lines of {@code stats} about pages and times (which a rewrite keeps). */
  static List<String> pageLines(String stats) {
    return stats.lines().filter(l -> l.startsWith("pages") || l.startsWith("records") || l.startsWith("first")
        || l.startsWith("last")).toList();
  }

  Path keystore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setEntry("archive-2024", new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY, "AES")),
        new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
    Path f = secrets.resolve("keys.p12");
    try (OutputStream out = Files.newOutputStream(f)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    return f;
  }

}
