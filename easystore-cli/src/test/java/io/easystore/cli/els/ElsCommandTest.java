package io.easystore.cli.els;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElsCommandTest {
  @TempDir Path tmp;
  private Path store;

  /** What one run printed and returned. */
  record Run(int code, byte[] stdout, String out, String err) {
    String text() {
      return new String(stdout, StandardCharsets.UTF_8) + out;
    }
  }

  @BeforeEach
  void setUp() {
    store = tmp.resolve("store");
  }

  private Run run(byte[] stdin, String... args) {
    // As the user runs it: des els ..., through des's one error pipeline.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("els"), java.util.Arrays.stream(args))
        .toArray(String[]::new);
    int code = io.easystore.cli.Main.run(argv, new ByteArrayInputStream(stdin),
        new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        System.getenv());
    return new Run(code, bytes.toByteArray(), "", err.toString(StandardCharsets.UTF_8));
  }

  private Run run(String... args) {
    return run(new byte[0], args);
  }

  @Test
  void importExportRoundTripThroughFiles() throws IOException {
    String doc = "{\"name\":\"ELS\",\"tags\":[\"a\",\"b\"],\"n\":1.50,\"deep\":{\"x\":null,\"y\":[{}]}}";
    Path in = Files.writeString(tmp.resolve("doc.json"), doc);
    assertThat(run("import", store.toString(), in.toString()).code()).isZero();
    Path out = tmp.resolve("out.json");
    Run r = run("export", store.toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(doc);
    Run stdout = run("export", store.toString());
    assertThat(stdout.text()).isEqualTo(doc + "\n");
    assertThat(run("export", store.toString(), "--pretty").text()).contains("\n  \"tags\"");
  }

  @Test
  void putGetLsRmWithStdinAndFiles() throws IOException {
    byte[] bin = new byte[300_000];
    new Random(1).nextBytes(bin);
    Path f = tmp.resolve("bin");
    Files.write(f, bin);
    assertThat(run("put", store.toString(), "users/alice/avatar", "--file", f.toString()).code()).isZero();
    assertThat(run("hello".getBytes(StandardCharsets.UTF_8), "put", store.toString(), "/users/alice/greeting").code())
        .isZero();
    assertThat(run(" world".getBytes(StandardCharsets.UTF_8), "put", "--append", store.toString(),
        "users/alice/greeting").code()).isZero();
    assertThat(run("x".getBytes(StandardCharsets.UTF_8), "put", store.toString(), "users/a~1b").code()).isZero();

    assertThat(run("get", store.toString(), "users/alice/avatar").stdout()).isEqualTo(bin);
    assertThat(run("get", store.toString(), "users/alice/greeting").text()).isEqualTo("hello world");
    Path got = tmp.resolve("got");
    assertThat(run("get", store.toString(), "users/alice/avatar", "-o", got.toString()).code()).isZero();
    assertThat(Files.readAllBytes(got)).isEqualTo(bin);

    assertThat(run("ls", store.toString()).text()).isEqualTo("users/\n");
    assertThat(run("ls", store.toString(), "users").text()).isEqualTo("alice/\na~1b\n");
    assertThat(run("ls", "-l", store.toString(), "users/alice").text()).isEqualTo("bytes\tavatar\nbytes\tgreeting\n");

    assertThat(run("rm", store.toString(), "users/alice/avatar").code()).isZero();
    assertThat(run("ls", store.toString(), "users/alice").text()).isEqualTo("greeting\n");
    Run notRecursive = run("rm", store.toString(), "users/alice");
    assertThat(notRecursive.code()).isEqualTo(1);
    assertThat(notRecursive.err()).contains("is a bucket; use -r");
    assertThat(run("rm", "-r", store.toString(), "users/alice").code()).isZero();
    assertThat(run("ls", store.toString(), "users").text()).isEqualTo("a~1b\n");
  }

  @Test
  void errorsAreOneLineWithoutStackTraceAndExitNonZero() throws IOException {
    Run missing = run("get", tmp.resolve("nowhere").toString(), "k");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip()).doesNotContain("\n").contains("no ELS store").doesNotContain("Exception");
    assertThat(tmp.resolve("nowhere")).doesNotExist();

    run("x".getBytes(StandardCharsets.UTF_8), "put", store.toString(), "k");
    Run noKey = run("get", store.toString(), "other");
    assertThat(noKey.code()).isEqualTo(1);
    assertThat(noKey.err()).isEqualTo("des els get: no value at other\n");

    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"a\":1,\"a\":2}");
    Run dup = run("import", store.toString(), bad.toString());
    // A document that does not follow its format is damaged input: exit 3, as for containers and archives.
    assertThat(dup.code()).isEqualTo(io.easystore.cli.Failures.DAMAGED);
    assertThat(dup.err().strip()).doesNotContain("\n").contains("bad.json").contains("Duplicate field 'a'");

    Run deep = run("x".getBytes(StandardCharsets.UTF_8), "put", "--max-depth", "2", store.toString(), "a/b/c/k");
    assertThat(deep.code()).isEqualTo(1);
    assertThat(deep.err()).contains("--max-depth").doesNotContain("\tat ");

    Run escape = run("get", store.toString(), "a~2");
    assertThat(escape.code()).isEqualTo(1);
    assertThat(escape.err()).contains("'~' must be followed by 0 or 1");

    Files.writeString(tmp.resolve("plain.txt"), "x");
    Run notStore = run("ls", tmp.toString());
    assertThat(notStore.code()).isEqualTo(io.easystore.cli.Failures.DAMAGED);
    assertThat(notStore.err()).contains("not an ELS store");

    Run usage = run("get", store.toString());
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter");
  }

  @Test
  void caseInsensitiveStoresAndDesRoundTrip() throws IOException {
    Path doc = Files.writeString(tmp.resolve("doc.json"), "[1,\"Two\",{\"Three\":[true,false]}]");
    assertThat(run("import", "--case-insensitive", store.toString(), doc.toString()).code()).isZero();
    try (var names = Files.list(store)) {
      assertThat(names.map(p -> p.getFileName().toString())).contains("els.1.b32")
          .allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase(java.util.Locale.ROOT)));
    }
    Path des = tmp.resolve("store.des");
    assertThat(run("to-des", store.toString(), des.toString()).code()).isZero();
    Path copy = tmp.resolve("copy");
    Run from = run("from-des", des.toString(), copy.toString());
    assertThat(from.code()).as(from.err()).isZero();
    assertThat(run("export", copy.toString()).text()).isEqualTo("[1,\"Two\",{\"Three\":[true,false]}]\n");
  }

  @Test
  void withoutASubcommandItPrintsUsage() {
    Run r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("import").contains("export").contains("to-des").contains("from-des");
  }
}
