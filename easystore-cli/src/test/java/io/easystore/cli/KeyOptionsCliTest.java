package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key options of {@code des} that work on plaintext containers today: option checks, des rekey as
 * a codec-changing rewrite, des info's encryption line, and the shared options under
 * {@code des records}. Round trips through encrypted containers are in
 * {@link EncryptedContainerCliTest}.
 */
class KeyOptionsCliTest {
  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KEY[i] = (byte) (7 * i + 3);
    }
  }

  static final String B64 = Base64.getEncoder().encodeToString(KEY);

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();
  final List<CliRun> runs = new ArrayList<>();

  CliRun des(String... args) {
    CliRun r = CliRun.withEnv(env, args);
    runs.add(r);
    return r;
  }

  Path tree() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/docs"));
    Files.writeString(src.resolve("a.txt"), "alpha ".repeat(50_000));
    Files.createDirectories(tmp.resolve("src/empty"));
    Files.writeString(tmp.resolve("src/top.txt"), "top");
    return tmp.resolve("src");
  }

  @Test
  void rekeyRewritesAContainerWithAnotherCodecKeepingEverything() throws Exception {
    Path c = tmp.resolve("c.des");
    assertThat(des("pack", tree().toString(), "-o", c.toString(), "--codec", "none").exit()).isZero();
    long before = Files.size(c);
    Path out = tmp.resolve("out.des");
    CliRun to = des("rekey", c.toString(), "--to", out.toString(), "--decrypt", "--codec", "deflate");
    assertThat(to.exit()).as(to.stderr()).isZero();
    assertThat(to.out()).contains("2 files").contains("not encrypted");
    assertThat(des("ls", out.toString()).out()).isEqualTo(des("ls", c.toString()).out());
    assertThat(des("ls", "-l", out.toString(), "docs").out()).contains("-z--");
    assertThat(des("ls", out.toString(), ".").out()).contains("empty/");
    assertThat(des("cat", out.toString(), "docs/a.txt").out()).isEqualTo("alpha ".repeat(50_000));
    assertThat(Files.size(out)).isLessThan(before);

    CliRun inPlace = des("rekey", c.toString(), "--decrypt", "--codec", "zstd");
    assertThat(inPlace.exit()).as(inPlace.stderr()).isZero();
    assertThat(des("verify", c.toString()).out()).startsWith("OK:");
    assertThat(des("cat", c.toString(), "top.txt").out()).isEqualTo("top");
  }

  @Test
  void rekeyNeedsANewKeyOrDecrypt() throws Exception {
    Path c = tmp.resolve("c.des");
    assertThat(des("pack", tree().toString(), "-o", c.toString()).exit()).isZero();
    CliRun none = des("rekey", c.toString());
    assertThat(none.exit()).isEqualTo(Main.USAGE);
    assertThat(none.stderr()).contains("--decrypt");
    assertThat(des("rekey", c.toString(), "--decrypt", "--new-key-id", "k").exit()).isEqualTo(Main.USAGE);
    CliRun missing = des("rekey", c.toString(), "--new-key-id", "fresh");
    assertThat(missing.exit()).isEqualTo(Main.KEY);
    assertThat(missing.stderr()).contains("'fresh'").contains("EASYSTORE_KEY_FRESH").doesNotContain("\tat ");
    assertThat(des("verify", c.toString()).out()).as("a failed rekey leaves the container").startsWith("OK:");
  }

  @Test
  void infoSaysAPlaintextContainerIsNotEncrypted() throws Exception {
    Path c = tmp.resolve("c.des");
    assertThat(des("pack", tree().toString(), "-o", c.toString()).exit()).isZero();
    assertThat(des("info", c.toString()).out()).contains("encryption: none");
    assertThat(des("info", "--json", c.toString()).out()).contains("\"encryption\":null");
  }

  @Test
  void keyOptionsThatDoNotFitAreUsageErrors() throws Exception {
    Path src = tree();
    env.put("K", B64);
    Path kf = Files.writeString(tmp.resolve("k.key"), B64);
    String out = tmp.resolve("x.des").toString();
    assertThat(des("pack", src.toString(), "-o", out, "--visible-names").exit()).isEqualTo(Main.USAGE);
    assertThat(des("pack", src.toString(), "-o", out, "--key-id", "k").exit()).isEqualTo(Main.USAGE);
    assertThat(des("pack", src.toString(), "-o", out, "--encrypt", "--key-env", "K", "--key-file", kf.toString())
        .exit()).isEqualTo(Main.USAGE);
    assertThat(des("pack", src.toString(), "-o", out, "--encrypt", "--key-env", "K", "--format", "v1").exit())
        .isEqualTo(Main.USAGE);
    assertThat(des("ls", out, "--key-alias", "a").exit()).isNotZero();
    CliRun noKey = des("pack", src.toString(), "-o", out, "--encrypt", "--key-id", "absent");
    assertThat(noKey.exit()).isEqualTo(Main.KEY);
    assertThat(noKey.stderr()).contains("'absent'");
    assertThat(Path.of(out)).as("nothing is written without the key").doesNotExist();
    CliRun malformed = des("pack", src.toString(), "-o", out, "--encrypt", "--key-env", "BAD_KEY");
    assertThat(malformed.exit()).isEqualTo(Main.KEY);
    env.put("BAD_KEY", "c2hvcnQ=");
    CliRun shortKey = des("pack", src.toString(), "-o", out, "--encrypt", "--key-env", "BAD_KEY");
    assertThat(shortKey.exit()).isEqualTo(Main.KEY);
    assertThat(shortKey.stderr()).contains("5 bytes, not 32");
  }

  @Test
  void everyCommandThatReadsOrWritesContainersTakesTheKeyOptions() {
    for (String cmd : List.of("ls", "cat", "meta", "info", "verify", "extract", "tree", "find", "export", "import",
        "pack", "add", "rm", "mv", "compact", "rekey")) {
      CliRun help = des(cmd, "--help");
      assertThat(help.out()).as(cmd).contains("--key-env").contains("--key-file").contains("--keystore");
    }
    for (String cmd : List.of("pack", "import")) {
      assertThat(des(cmd, "--help").out()).as(cmd).contains("--encrypt").contains("--key-id").contains("--visible-names");
    }
    assertThat(des("rekey", "--help").out()).contains("--new-key-env").contains("--new-keystore").contains("--decrypt");
    for (String cmd : List.of("append", "cat", "tail", "stats", "index", "find")) {
      assertThat(des("records", cmd, "--help").out()).as("records " + cmd).contains("--key-env").contains("--keystore")
          .contains("--key-dir");
    }
  }

  @Test
  void desRecordsReadsKeysFromTheSameEnvironment() throws Exception {
    env.put("REC_KEY", B64);
    String a = tmp.resolve("r.rec").toString();
    assertThat(des("records", "stats", a).exit()).isNotZero();
    // CliRun's stdin is empty: this creates an encrypted archive with no records.
    CliRun app = des("records", "append", a, "--encrypt", "--key-env", "REC_KEY");
    assertThat(app.exit()).as(app.stderr()).isZero();
    assertThat(des("records", "stats", a, "--key-env", "REC_KEY").out()).contains("default");
    env.put("EASYSTORE_KEY_DEFAULT", B64);
    assertThat(des("records", "stats", a).exit()).isZero();
    for (CliRun r : runs) {
      assertThat(r.out() + r.stderr()).doesNotContain(B64);
    }
  }
}
