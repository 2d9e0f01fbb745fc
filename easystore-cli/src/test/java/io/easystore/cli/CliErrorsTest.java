package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error that reaches the command line, in every command family ({@code des},
 * {@code des records}, {@code des els}), is one line that says what and where, with no class
 * name and no stack trace, and the same failure has the same exit code everywhere
 * ({@link Failures}).
 */
class CliErrorsTest {
  static final String KEY64 = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();
  Path container;
  Path archive;
  Path store;

  @BeforeEach
  void inputs() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/docs"));
    Files.writeString(src.resolve("a.txt"), "hello");
    Files.writeString(tmp.resolve("src/README.md"), "readme");
    container = tmp.resolve("c.des");
    assertThat(run("pack", tmp.resolve("src").toString(), "-o", container.toString()).exit()).isZero();
    archive = tmp.resolve("log.rec");
    CliRun append = CliRun.withInput(env, "{\"n\":1}\n".getBytes(StandardCharsets.UTF_8), "records", "append",
        archive.toString());
    assertThat(append.exit()).as(append.stderr()).isZero();
    store = tmp.resolve("store");
    assertThat(run("els", "put", store.toString(), "a/b").exit()).isZero();
  }

  CliRun run(String... args) {
    return CliRun.withEnv(env, args);
  }

  /** One error situation: the command line, the exit code and what the one line must say. */
  record Case(List<String> args, int exit, String says) {
    static Case of(int exit, String says, String... args) {
      return new Case(List.of(args), exit, says);
    }
  }

  static void assertOneCleanLine(CliRun r, Case c) {
    String err = r.stderr();
    assertThat(r.exit()).as(c.args() + " -> " + err).isEqualTo(c.exit());
    assertThat(err.lines().count()).as(c.args() + " prints one line: " + err).isEqualTo(1);
    assertThat(err).as(c.args().toString()).startsWith("des").contains(c.says())
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.")
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+(Exception|Error)")
        .doesNotContainPattern("^des[a-z ]*: [^ ]+\\n$");
  }

  @Test
  void everyFailureOfEveryFamilyIsOneLineSayingWhatAndWhereWithItsExitCode() throws IOException {
    Path damaged = tmp.resolve("damaged.des");
    Files.copy(container, damaged);
    flipLastByte(damaged);
    Path damagedArchive = tmp.resolve("damaged.rec");
    Files.copy(archive, damagedArchive);
    flipFirstByte(damagedArchive);
    Path plainDir = Files.createDirectories(tmp.resolve("ro"));
    Files.writeString(plainDir.resolve("plain.txt"), "x");
    String c = container.toString();
    String missing = tmp.resolve("nope.des").toString();
    List<Case> cases = new ArrayList<>(List.of(
        // des
        Case.of(Failures.FAILED, "no such file: " + missing, "ls", missing),
        Case.of(Failures.FAILED, "no such file: " + missing, "cat", missing, "a"),
        Case.of(Failures.FAILED, "no such file: " + missing, "info", missing),
        Case.of(Failures.FAILED, "no such file: " + missing, "verify", missing),
        Case.of(Failures.FAILED, "not a directory: README.md", "ls", c, "README.md"),
        Case.of(Failures.FAILED, "not a directory: README.md", "tree", c, "README.md"),
        Case.of(Failures.FAILED, "no such file or entry: nope.txt (no such entry in " + c + ")", "cat", c, "nope.txt"),
        Case.of(Failures.FAILED, "not a directory: " + tmp.resolve("src/README.md"), "pack",
            tmp.resolve("src/README.md").toString(), "-o", tmp.resolve("q.des").toString()),
        Case.of(Failures.DAMAGED, tmp.resolve("src") + " is a directory, not a DES container", "ls",
            tmp.resolve("src").toString()),
        Case.of(Failures.DAMAGED, damaged.toString(), "ls", damaged.toString()),
        Case.of(Failures.DAMAGED, damaged.toString(), "verify", damaged.toString()),
        Case.of(Failures.KEY, "no key", "rekey", c, "--new-key-env", "UNSET_VAR"),
        // des records
        Case.of(Failures.FAILED, "no such file: " + missing, "records", "cat", missing),
        Case.of(Failures.FAILED, "no such file: " + missing, "records", "stats", missing),
        Case.of(Failures.DAMAGED, damagedArchive.toString(), "records", "cat", damagedArchive.toString()),
        Case.of(Failures.DAMAGED, c + " is a DES container, not a record archive; read it with `des ls " + c + "`",
            "records", "cat", c),
        Case.of(Failures.DAMAGED, plainDir + " is a directory, not a record archive", "records", "cat",
            plainDir.toString()),
        // des els
        Case.of(Failures.FAILED, "no such file: " + missing, "els", "from-des", missing, store.toString()),
        Case.of(Failures.DAMAGED, "not an ELS store", "els", "ls", plainDir.toString())));
    for (Case k : cases) {
      assertOneCleanLine(run(k.args().toArray(String[]::new)), k);
    }
  }

  @Test
  void theSameFailureHasTheSameExitCodeInEveryFamily() throws IOException {
    String missing = tmp.resolve("absent").toString();
    assertThat(List.of(run("ls", missing).exit(), run("records", "cat", missing).exit(),
        run("els", "from-des", missing, store.toString()).exit())).containsOnly(Failures.FAILED);
    Path damaged = tmp.resolve("damaged.des");
    Files.copy(container, damaged);
    flipLastByte(damaged);
    Path damagedArchive = tmp.resolve("damaged.rec");
    Files.copy(archive, damagedArchive);
    flipFirstByte(damagedArchive);
    assertThat(List.of(run("ls", damaged.toString()).exit(), run("records", "cat", damagedArchive.toString()).exit(),
        run("els", "from-des", damaged.toString(), tmp.resolve("s2").toString()).exit()))
        .containsOnly(Failures.DAMAGED);
    assertThat(List.of(run("pack").exit(), run("records", "cat").exit(), run("els", "get").exit()))
        .containsOnly(Failures.USAGE);
  }

  @Test
  void usageErrorsAreOneLineWithAPointerToTheHelpNotTheWholeHelp() {
    for (List<String> args : List.of(List.of("pack", "dir"), List.of("pack", "dir", "-o", "x.des", "--threads", "0"),
        List.of("ls", "--bogus", "x.des"), List.of("records", "cat"), List.of("els", "get", "store"))) {
      CliRun r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(args + ": " + r.stderr()).isEqualTo(Failures.USAGE);
      assertThat(r.stderr().lines()).as(args.toString()).hasSize(1);
      String command = args.get(0).equals("records") || args.get(0).equals("els")
          ? "des " + args.get(0) + " " + args.get(1) : "des " + args.get(0);
      assertThat(r.stderr()).contains("(see `" + command + " --help`)").doesNotContain("Usage:");
    }
  }

  @Test
  void keyErrorsSayNoKeyOnceAndRekeySaysWhichKeyIsMissing() {
    CliRun newMissing = run("rekey", container.toString(), "--new-key-env", "UNSET_VAR");
    assertThat(newMissing.exit()).isEqualTo(Failures.KEY);
    assertThat(newMissing.stderr()).startsWith("des: new key: no key 'default': environment variable UNSET_VAR is not set")
        .contains("EASYSTORE_KEY_DEFAULT is not set");
    assertThat(newMissing.stderr().split("no key 'default'", -1)).as(newMissing.stderr()).hasSize(2);

    env.put("K", KEY64);
    Path encrypted = tmp.resolve("e.des");
    assertThat(run("pack", tmp.resolve("src").toString(), "-o", encrypted.toString(), "--encrypt", "--key-env", "K")
        .exit()).isZero();
    CliRun oldMissing = run("rekey", encrypted.toString(), "--key-env", "UNSET_OLD", "--new-key-env", "K");
    assertThat(oldMissing.exit()).isEqualTo(Failures.KEY);
    assertThat(oldMissing.stderr()).startsWith("des: old key: " + encrypted + ": no key 'default'")
        .contains("UNSET_OLD is not set");
    assertThat(oldMissing.stderr().split("no key 'default'", -1)).as(oldMissing.stderr()).hasSize(2);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFifoGivenAsContainerIsRefusedInsteadOfHanging() throws Exception {
    Path fifo = tmp.resolve("f.des");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available");
      return;
    }
    assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
    String f = fifo.toString();
    for (List<String> args : List.of(List.of("ls", f), List.of("cat", f, "a"), List.of("info", f),
        List.of("verify", f), List.of("tree", f), List.of("add", f, tmp.resolve("src/README.md").toString()),
        List.of("records", "cat", f), List.of("records", "rekey", f, "--decrypt"))) {
      assertOneCleanLine(run(args.toArray(String[]::new)), new Case(args, Failures.DAMAGED, f + " is a FIFO"));
    }
  }

  @Test
  void s3WithoutRegionOrCredentialsNamesTheOptionsToSet() {
    assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
        && System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
        && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")), "AWS settings in the environment");
    CliRun noRegion = run("ls", "s3://bucket/c.des");
    assertOneCleanLine(noRegion, new Case(List.of("ls"), Failures.FAILED, "s3://bucket/c.des: no S3 region: give --region"));
    assertThat(noRegion.stderr()).contains("AWS_REGION").doesNotContain("s3.region").doesNotContain("@");
    // 127.0.0.1:9 (discard) is never contacted: the credential chain fails first.
    CliRun noCredentials = run("ls", "s3://bucket/c.des", "--endpoint", "http://127.0.0.1:9");
    assertOneCleanLine(noCredentials, new Case(List.of("ls", "--endpoint"), Failures.FAILED,
        "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give --profile"));
    assertThat(noCredentials.stderr().length()).isLessThan(300);
  }

  @Test
  void theCliBundlesAnSlf4jProviderSoTheS3SdkPrintsNoWarnings() {
    // Without a provider SLF4J writes "SLF4J(W): No SLF4J providers were found" (3 lines) to stderr.
    // The test classpath also has logback (from S3Proxy), so look for the NOP provider the CLI jar ships.
    assertThat(java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).stream()
        .map(p -> p.type().getName())).contains("org.slf4j.nop.NOPServiceProvider");
  }

  static void flipLastByte(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(f.length() - 1);
      int b = f.read();
      f.seek(f.length() - 1);
      f.write(b ^ 0xff);
    }
  }

  static void flipFirstByte(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      int b = f.read();
      f.seek(0);
      f.write(b ^ 0x01);
    }
  }
}
