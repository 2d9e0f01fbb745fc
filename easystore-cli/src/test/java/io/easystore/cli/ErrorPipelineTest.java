package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One error pipeline for {@code des}, {@code des records} and {@code des els}: one exception gets
 * one exit code and one message format in every command family, whatever the family's library
 * exception hierarchy says (a too-new file or a limit reached is not "damaged").
 */
class ErrorPipelineTest {
  /** "des: ...", "des records cat: ...", "des els ls: ...": the prefix, then one line. */
  private static final Pattern ONE_LINE = Pattern.compile("(des(?: records [a-z-]+| els [a-z-]+)?): (\\S[^\\n]*)\\n");
  /** Where a DES footer's version byte is: 72 bytes (V1Footer.SIZE) before the end, then 8 of magic. */
  private static final int FOOTER_VERSION_FROM_END = 72 - 8;

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();
  Path src;
  Path container;
  Path archive;
  Path store;

  @BeforeEach
  void inputs() throws IOException {
    env.put("K", Base64.getEncoder().encodeToString(new byte[32]));
    src = Files.createDirectories(tmp.resolve("src"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(src.resolve("f" + i + ".txt"), "file " + i);
    }
    container = tmp.resolve("c.des");
    ok(run("pack", src.toString(), "-o", container.toString()));
    archive = tmp.resolve("log.rec");
    ok(CliRun.withInput(env, "{\"n\":1}\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8), "records", "append",
        archive.toString()));
    store = tmp.resolve("store");
    ok(run("els", "put", store.toString(), "a/b"));
  }

  CliRun run(String... args) {
    return CliRun.withEnv(env, args);
  }

  static void ok(CliRun r) {
    assertThat(r.exit()).as(r.stderr()).isZero();
  }

  /** The one line's message (after the command prefix), checking the line's shape on the way. */
  static String oneLine(CliRun r, String prefix) {
    Matcher m = ONE_LINE.matcher(r.stderr());
    assertThat(m.matches()).as("one line 'PREFIX: message', not: " + r.stderr()).isTrue();
    assertThat(m.group(1)).isEqualTo(prefix);
    assertThat(m.group(2)).doesNotContain("Exception").doesNotContain("\tat ");
    return m.group(2);
  }

  @Test
  void tooNewRecordArchiveExitsAsUnsupportedVersionNotDamaged() throws IOException {
    Path newer = copy(archive, "newer.rec");
    patch(newer, 8, 99); // the volume header's format version (u16 at offset 8)
    CliRun cat = run("records", "cat", newer.toString());
    assertThat(cat.exit()).as(cat.stderr()).isEqualTo(Failures.UNSUPPORTED).isNotEqualTo(Failures.DAMAGED);
    assertThat(oneLine(cat, "des records cat")).contains(newer.toString()).contains("version 99")
        .contains("newer");
    CliRun stats = run("records", "stats", newer.toString());
    assertThat(stats.exit()).as(stats.stderr()).isEqualTo(Failures.UNSUPPORTED);
  }

  @Test
  void tooNewElsStoreExitsAsUnsupportedVersion() throws IOException {
    Files.move(store.resolve("els.1.b64"), store.resolve("els.2.b64"));
    CliRun ls = run("els", "ls", store.toString());
    assertThat(ls.exit()).as(ls.stderr()).isEqualTo(Failures.UNSUPPORTED);
    assertThat(oneLine(ls, "des els ls")).contains("version 2").contains("upgrade");
  }

  @Test
  void limitReachedIsAFailureNamingTheKnobNotDamage() throws IOException {
    Path tar = tmp.resolve("c.tar");
    ok(run("export", container.toString(), "-o", tar.toString()));
    List<CliRun> runs = new ArrayList<>();
    runs.add(run("import", tar.toString(), "-o", tmp.resolve("i.des").toString(), "--max-entries", "1"));
    runs.add(run("records", "cat", archive.toString(), "--max-page-size", "16",
        "--max-item-size", "7"));
    runs.add(run("els", "put", store.toString(), "x/y/z/v", "--max-depth", "1"));
    List<String> prefixes = List.of("des", "des records cat", "des els put");
    List<String> knobs = List.of("--max-entries", "--max-page-size", "--max-depth");
    for (int i = 0; i < runs.size(); i++) {
      CliRun r = runs.get(i);
      assertThat(r.exit()).as(prefixes.get(i) + ": " + r.stderr()).isEqualTo(Failures.FAILED);
      assertThat(oneLine(r, prefixes.get(i))).contains(knobs.get(i));
    }
  }

  @Test
  void sameErrorSameExitCodeInEveryCommandFamily() throws IOException {
    // Too new: a DES container read by des and by des els, a record archive read by des records.
    Path newerDes = copy(container, "newer.des");
    patch(newerDes, Files.size(newerDes) - FOOTER_VERSION_FROM_END, 9);
    Path newerRec = copy(archive, "newer.rec");
    patch(newerRec, 8, 99);
    assertSameFailure(Failures.UNSUPPORTED,
        run("ls", newerDes.toString()),
        run("records", "cat", newerRec.toString()),
        run("els", "from-des", newerDes.toString(), tmp.resolve("s1").toString()));
    String viaDes = oneLine(run("ls", newerDes.toString()), "des");
    String viaEls = oneLine(run("els", "from-des", newerDes.toString(), tmp.resolve("s2").toString()),
        "des els from-des");
    assertThat(viaEls).as("the same exception, the same message").isEqualTo(viaDes);

    // Damaged: the same bytes flipped in each family's file.
    Path damagedDes = copy(container, "damaged.des");
    CliErrorsTest.flipLastByte(damagedDes);
    Path damagedRec = copy(archive, "damaged.rec");
    patch(damagedRec, 0, 'X');
    assertSameFailure(Failures.DAMAGED,
        run("ls", damagedDes.toString()),
        run("records", "cat", damagedRec.toString()),
        run("els", "from-des", damagedDes.toString(), tmp.resolve("s3").toString()));

    // Key: an encrypted container and an encrypted archive, read without a key.
    Path encDes = tmp.resolve("enc.des");
    ok(run("pack", src.toString(), "-o", encDes.toString(), "--encrypt", "--key-env", "K"));
    Path encRec = tmp.resolve("enc.rec");
    ok(CliRun.withInput(env, "one\n".getBytes(StandardCharsets.UTF_8), "records", "append", encRec.toString(),
        "--encrypt-with", "k1", "--key-env", "K"));
    assertSameFailure(Failures.KEY,
        run("ls", encDes.toString()),
        run("records", "cat", encRec.toString()),
        run("els", "from-des", encDes.toString(), tmp.resolve("s4").toString()));

    // Limit: see limitReachedIsAFailureNamingTheKnobNotDamage; usage: the same exit code too.
    assertSameFailure(Failures.USAGE, run("ls", "--no-such-option"), run("records", "cat", "--no-such-option"),
        run("els", "ls", "--no-such-option"));
  }

  /** {@code des ...}, {@code des records ...} and {@code des els ...} runs: one exit code, one line each. */
  private static void assertSameFailure(int exit, CliRun des, CliRun records, CliRun els) {
    assertThat(List.of(des.exit(), records.exit(), els.exit()))
        .as(des.stderr() + records.stderr() + els.stderr()).containsOnly(exit);
    oneLine(des, "des");
    oneLine(records, "des records cat");
    oneLine(els, els.stderr().startsWith("des els ls") ? "des els ls" : "des els from-des");
  }

  @Test
  void everySubcommandSharesTheRootErrorPipeline() {
    Terminal t = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(PrintStream.nullOutputStream()),
        new PrintStream(PrintStream.nullOutputStream()), false);
    CommandLine root = Main.commandLine(t, Map.of());
    assertThat(root.getExecutionExceptionHandler()).isInstanceOf(ErrorHandler.class);
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    assertThat(all).extracting(c -> c.getCommandSpec().qualifiedName())
        .contains("des records cat", "des records append", "des els ls", "des els from-des", "des ls");
    for (CommandLine c : all) {
      String name = c.getCommandSpec().qualifiedName();
      assertThat(c.getExecutionExceptionHandler()).as(name).isSameAs(root.getExecutionExceptionHandler());
      assertThat(c.getParameterExceptionHandler()).as(name).isSameAs(root.getParameterExceptionHandler());
      assertThat(c.getExitCodeExceptionMapper()).as(name).isSameAs(root.getExitCodeExceptionMapper())
          .isNotNull();
    }
  }

  private static void collect(CommandLine c, List<CommandLine> into) {
    into.add(c);
    for (CommandLine sub : c.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }

  private Path copy(Path from, String name) throws IOException {
    return Files.copy(from, tmp.resolve(name));
  }

  private static void patch(Path p, long at, int value) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      f.write(value);
    }
  }
}
