package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import io.easystore.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesCliTest {
  @TempDir Path tmp;
  Path src;
  byte[] big;

  @BeforeEach
  void tree() throws IOException {
    src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("hello.txt"), "hello world");
    Files.writeString(src.resolve("page.html"), "<p>hi</p>");
    big = new byte[300_000];
    new Random(3).nextBytes(big);
    Files.write(src.resolve("data.bin"), big);
  }

  @Test
  void packListCatMetaInfoVerifyExtractRoundTrip() throws IOException {
    Path c = tmp.resolve("out.des");
    CliRun pack = CliRun.of("pack", src.toString(), "-o", c.toString(), "--meta-from-mime");
    assertThat(pack.exit()).as(pack.stderr()).isZero();
    assertThat(pack.out()).contains("packed 3 files");
    assertThat(c).exists();

    assertThat(CliRun.of("ls", c.toString()).out().lines()).containsExactly("data.bin", "hello.txt", "page.html");
    assertThat(CliRun.of("ls", "--long", c.toString()).out()).contains("300000").contains("hello.txt");
    assertThat(CliRun.of("cat", c.toString(), "data.bin").stdout()).isEqualTo(big);
    assertThat(CliRun.of("meta", c.toString(), "page.html").out()).contains("\"mime\" : \"text/html\"")
        .contains("\"size\" : 9");
    CliRun info = CliRun.of("info", c.toString());
    assertThat(info.out()).contains("DES v2").contains("entries:    3 (3 live)");
    assertThat(CliRun.of("info", "--json", c.toString()).out()).contains("\"formatVersion\":2");
    assertThat(CliRun.of("verify", c.toString()).out()).startsWith("OK:");

    Path x = tmp.resolve("x");
    CliRun extract = CliRun.of("extract", c.toString(), "-d", x.toString());
    assertThat(extract.exit()).as(extract.stderr()).isZero();
    assertThat(Files.readAllBytes(x.resolve("data.bin"))).isEqualTo(big);
    assertThat(Files.readString(x.resolve("hello.txt"))).isEqualTo("hello world");
    CliRun again = CliRun.of("extract", c.toString(), "-d", x.toString());
    assertThat(again.exit()).isEqualTo(Main.FAILED);
    assertThat(again.stderr()).startsWith("des: already exists");
    assertThat(CliRun.of("extract", "--overwrite", c.toString(), "-d", x.toString()).exit()).isZero();
  }

  @Test
  void readsTheReferenceFixtures() {
    CliRun ls = CliRun.of("ls", Fixtures.file("v1-basic.des").toString());
    assertThat(ls.out().lines()).containsExactly("report.pdf", "log.txt", "empty.bin", "notes with_space.txt");
    assertThat(CliRun.of("cat", Fixtures.file("v1-basic.des").toString(), "log.txt").out()).isEqualTo("hello world");
  }

  @Test
  void packInV1WritesTheReferenceLayout() throws IOException {
    Path c = tmp.resolve("v1.des");
    CliRun pack = CliRun.of("pack", src.toString(), "-o", c.toString(), "--format", "v1", "--meta-from-mime");
    assertThat(pack.exit()).as(pack.stderr()).isZero();
    assertThat(CliRun.of("info", c.toString()).out()).contains("DES v1").contains("entries:    3 (3 live)");
    assertThat(CliRun.of("meta", c.toString(), "page.html").out()).contains("\"mime\" : \"text/html\"");
    CliRun compressed = CliRun.of("pack", src.toString(), "-o", tmp.resolve("bad.des").toString(), "--format", "v1",
        "--codec", "zstd");
    assertThat(compressed.exit()).isEqualTo(Main.USAGE);
    assertThat(compressed.stderr()).contains("DES v1 stores bodies uncompressed");
  }

  @Test
  void packRefusesATreeInV1WithAClearMessage() throws IOException {
    Files.createDirectories(src.resolve("sub"));
    CliRun r = CliRun.of("pack", src.toString(), "-o", tmp.resolve("t.des").toString(), "--format", "v1");
    assertThat(r.exit()).isEqualTo(Main.FAILED);
    assertThat(r.stderr()).contains("subdirectory 'sub'").contains("flat names only");
    assertThat(tmp.resolve("t.des")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "...x"})
  void extractNeverWritesOutsideTheTargetDirectory(String hostile) throws IOException {
    Path c = tmp.resolve("evil.des");
    // DES v2 refuses such names when writing; DES v1, the reference layout, stores them, so readers meet them.
    try (DesWriter w = DesWriter.create(c, WriterOptions.v1())) {
      w.addFile("fine.txt", "ok".getBytes(StandardCharsets.UTF_8));
      w.addFile(hostile, "escape".getBytes(StandardCharsets.UTF_8));
    }
    Path target = Files.createDirectories(tmp.resolve("target"));
    CliRun r = CliRun.of("extract", c.toString(), "-d", target.toString());
    if (hostile.equals("...x")) {
      assertThat(r.exit()).as(r.stderr()).isZero();
      assertThat(target.resolve("...x")).hasContent("escape");
      return;
    }
    assertThat(r.exit()).isEqualTo(Main.FAILED);
    assertThat(r.stderr()).contains("refusing to extract '" + hostile + "'");
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left).as("nothing written before the hostile name was found").isEmpty();
    }
  }

  @Test
  void extractDoesNotFollowAPlantedSymlink() throws IOException {
    Path c = tmp.resolve("s.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("link", "pwned".getBytes(StandardCharsets.UTF_8));
    }
    Path target = Files.createDirectories(tmp.resolve("target"));
    Path outside = tmp.resolve("outside.txt");
    Files.writeString(outside, "original");
    Files.createSymbolicLink(target.resolve("link"), outside);
    CliRun r = CliRun.of("extract", "--overwrite", c.toString(), "-d", target.toString());
    assertThat(r.exit()).isEqualTo(Main.FAILED);
    assertThat(outside).hasContent("original");
  }

  @Test
  void errorsAreOneLineWithoutStackTraceUnlessDebug() throws IOException {
    Path garbage = tmp.resolve("garbage.des");
    Files.write(garbage, new byte[500]);
    CliRun r = CliRun.of("ls", garbage.toString());
    assertThat(r.exit()).isEqualTo(Main.DAMAGED);
    assertThat(r.stderr().lines()).hasSize(1);
    assertThat(r.stderr()).startsWith("des: ").contains("garbage.des @ offset 428").contains("bad footer magic");

    CliRun missing = CliRun.of("cat", Fixtures.file("v1-basic.des").toString(), "nope");
    assertThat(missing.stderr().lines()).containsExactly(
        "des: no such file or entry: nope (no such entry in " + Fixtures.file("v1-basic.des") + ")");

    CliRun debug = CliRun.of("--debug", "ls", garbage.toString());
    assertThat(debug.exit()).isEqualTo(Main.DAMAGED);
    assertThat(debug.stderr()).contains("CorruptContainerException").contains("\tat ");
  }

  @Test
  void usageErrorsExitWithTwoAndEveryCommandHasHelp() {
    assertThat(CliRun.of("pack").exit()).isEqualTo(Main.USAGE);
    assertThat(CliRun.of("frobnicate").exit()).isEqualTo(Main.USAGE);
    for (String cmd : new String[] {"pack", "ls", "cat", "meta", "info", "verify", "extract", "demo", "tree", "find",
        "import", "export"}) {
      CliRun help = CliRun.of(cmd, "--help");
      assertThat(help.exit()).as(cmd).isZero();
      assertThat(help.out()).as(cmd).contains("Usage: des " + cmd);
    }
  }

  @Test
  void verifyFailsOnAContainerWithProblems() throws IOException {
    Path c = tmp.resolve("v.des");
    try (DesWriter w = DesWriter.create(c)) {
      w.addFile("a", new byte[] {1, 2, 3});
    }
    byte[] bytes = Files.readAllBytes(c);
    bytes[0] = 'X';
    Files.write(c, bytes);
    CliRun r = CliRun.of("verify", c.toString());
    assertThat(r.exit()).isEqualTo(Main.DAMAGED);
    assertThat(r.stderr()).contains("bad header magic");
  }

  @Test
  void demoPacksReadsAndVerifiesRealFiles() throws IOException {
    Path work = tmp.resolve("demo");
    CliRun r = CliRun.of("demo", "--source", src.toString(), "--work", work.toString());
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.out()).contains("3/3 identical").contains("same 3 files in the same order").contains("6. verify   OK");
    assertThat(work.resolve("demo.des")).doesNotExist();
  }
}
