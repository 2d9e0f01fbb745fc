package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a shell user expects of des: refusals instead of surprises, modes, NUL output, versions, no litter. */
class ShellConventionsCliTest {
  @TempDir Path tmp;
  Path src;

  @BeforeEach
  void tree() throws IOException {
    src = Files.createDirectories(tmp.resolve("src/docs"));
    Files.writeString(src.resolve("a.txt"), "alpha");
    Files.setLastModifiedTime(src.resolve("a.txt"), FileTime.fromMillis(1_234_567_890_000L));
    Files.setPosixFilePermissions(src.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(src.resolve("b.md"), "# beta");
    src = src.getParent();
  }

  private Path pack(String name) {
    Path c = tmp.resolve(name);
    CliRun r = CliRun.of("pack", src.toString(), "-o", c.toString());
    assertThat(r.exit()).as(r.stderr()).isZero();
    return c;
  }

  @Test
  void exportToZipWritesAZipWithBodiesTimesAndModes() throws IOException {
    Path c = pack("c.des");
    Path zip = tmp.resolve("x.zip");
    CliRun r = CliRun.of("export", c.toString(), "-o", zip.toString());
    assertThat(r.exit()).as(r.stderr()).isZero();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      assertThat(new String(z.getInputStream(z.getEntry("docs/a.txt")).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("alpha");
      assertThat(new String(z.getInputStream(z.getEntry("docs/b.md")).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("# beta");
      assertThat(z.getEntry("docs/").isDirectory()).isTrue();
      assertThat(z.getEntry("docs/a.txt").getLastModifiedTime().toMillis()).isEqualTo(1_234_567_890_000L);
    }
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      ZipArchiveEntry a = z.getEntry("docs/a.txt");
      assertThat(a.getUnixMode() & 07777).isEqualTo(0750);
    }
  }

  @Test
  void exportRefusesAnExtensionThatNamesNoArchiveUnlessFormatSaysWhich() throws IOException {
    Path c = pack("c.des");
    CliRun odd = CliRun.of("export", c.toString(), "-o", tmp.resolve("x.out").toString());
    assertThat(odd.exit()).isEqualTo(Main.USAGE);
    assertThat(odd.stderr()).contains("cannot tell which archive to write from 'x.out'");
    assertThat(tmp.resolve("x.out")).doesNotExist();
    CliRun tarNamedZip = CliRun.of("export", c.toString(), "-o", tmp.resolve("y.zip").toString(), "--format", "tar");
    assertThat(tarNamedZip.exit()).isEqualTo(Main.USAGE);
    CliRun explicit = CliRun.of("export", c.toString(), "-o", tmp.resolve("x.out").toString(), "--format", "tar");
    assertThat(explicit.exit()).as(explicit.stderr()).isZero();
    byte[] head = Files.readAllBytes(tmp.resolve("x.out"));
    assertThat(new String(head, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
  }

  @Test
  void outputsRefuseToReplaceAFileWithoutForce() throws IOException {
    Path c = pack("c.des");
    byte[] before = Files.readAllBytes(c);
    CliRun again = CliRun.of("pack", src.toString(), "-o", c.toString());
    assertThat(again.exit()).isEqualTo(Main.FAILED);
    assertThat(again.stderr()).contains("already exists: " + c).contains("--force");
    assertThat(Files.readAllBytes(c)).isEqualTo(before);
    assertThat(CliRun.of("pack", src.toString(), "-o", c.toString(), "--force").exit()).isZero();

    Path tar = tmp.resolve("x.tar");
    Files.writeString(tar, "keep me");
    assertThat(CliRun.of("export", c.toString(), "-o", tar.toString()).stderr()).contains("--force");
    assertThat(tar).hasContent("keep me");
    assertThat(CliRun.of("export", c.toString(), "-o", tar.toString(), "--force").exit()).isZero();

    Path imported = Files.writeString(tmp.resolve("i.des"), "keep me");
    assertThat(CliRun.of("import", tar.toString(), "-o", imported.toString()).stderr()).contains("--force");
    assertThat(imported).hasContent("keep me");
    assertThat(CliRun.of("import", tar.toString(), "-o", imported.toString(), "--force").exit()).isZero();

    Path to = Files.writeString(tmp.resolve("r.des"), "keep me");
    CliRun rekey = CliRun.of("rekey", c.toString(), "--to", to.toString(), "--decrypt");
    assertThat(rekey.stderr()).contains("--force");
    assertThat(to).hasContent("keep me");
  }

  @Test
  void outputsIntoAMissingDirectoryAreRefusedNamingIt() throws IOException {
    Path c = pack("c.des");
    Path missing = tmp.resolve("no/such/dir");
    for (String[] args : List.of(new String[] {"pack", src.toString(), "-o", missing.resolve("q.des").toString()},
        new String[] {"export", c.toString(), "-o", missing.resolve("q.tar").toString()},
        new String[] {"rekey", c.toString(), "--to", missing.resolve("q.des").toString(), "--decrypt"})) {
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(Main.FAILED);
      assertThat(r.stderr()).contains("the directory " + missing + " does not exist");
    }
    assertThat(tmp.resolve("no")).doesNotExist();
  }

  @Test
  void everyOutputGetsTheModeOfAnOrdinaryNewFile() throws IOException {
    Path probe = Files.createFile(tmp.resolve("probe"));
    String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
    Path c = pack("c.des");
    assertThat(CliRun.of("export", c.toString(), "-o", tmp.resolve("t.tar").toString()).exit()).isZero();
    assertThat(CliRun.of("export", c.toString(), "-o", tmp.resolve("t.zip").toString()).exit()).isZero();
    assertThat(CliRun.of("import", tmp.resolve("t.tar").toString(), "-o", tmp.resolve("i.des").toString()).exit())
        .isZero();
    assertThat(CliRun.of("rekey", c.toString(), "--to", tmp.resolve("r.des").toString(), "--decrypt").exit())
        .isZero();
    Path rec = tmp.resolve("n.rec");
    CliRun append = runWithInput("x\n", "records", "append", rec.toString());
    assertThat(append.exit()).as(append.stderr()).isZero();
    for (String name : List.of("c.des", "t.tar", "t.zip", "i.des", "r.des", "n.rec")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(name))))
          .as(name).isEqualTo(expected);
    }
  }

  private static CliRun runWithInput(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        System.getenv());
    return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBrokenSymbolicLinkIsLeftOutWithOneWarningAndThePackSucceeds() throws IOException {
    Files.createSymbolicLink(src.resolve("docs/dangling"), src.resolve("nowhere"));
    Path c = tmp.resolve("c.des");
    CliRun r = CliRun.of("pack", src.toString(), "-o", c.toString());
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr().lines().toList())
        .containsExactly("des: left out 'docs/dangling': broken symbolic link (its target does not exist)");
    assertThat(r.out()).contains("packed 2 files").contains("1 broken symbolic links");
    assertThat(CliRun.of("ls", c.toString()).out().lines()).containsExactly("docs/a.txt", "docs/b.md");
  }

  @Test
  void lsAndFindWithDashZeroEndNamesWithNulAndKeepThemRaw() throws IOException {
    Files.writeString(src.resolve("docs/two\nlines.txt"), "x");
    Path c = pack("c.des");
    byte[] expected = "docs/a.txt\0docs/b.md\0docs/two\nlines.txt\0".getBytes(StandardCharsets.UTF_8);
    assertThat(CliRun.of("ls", "-0", c.toString()).stdout()).isEqualTo(expected);
    assertThat(CliRun.of("find", "-0", c.toString(), "*.txt", "--type", "f").stdout())
        .isEqualTo("docs/a.txt\0docs/two\nlines.txt\0".getBytes(StandardCharsets.UTF_8));
    assertThat(CliRun.of("ls", "--null", c.toString(), "docs").stdout())
        .isEqualTo("a.txt\0b.md\0two\nlines.txt\0".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void versionNamesTheProjectVersion() {
    CliRun r = CliRun.of("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).matches("(?s)des \\d+\\.\\d+\\.\\d+\\S* \\(Java .*");
  }

  @Test
  void noLockFileStaysBesideAContainerAfterUpdatesCompactionAndRekey() throws IOException {
    Path c = pack("c.des");
    Path extra = Files.writeString(tmp.resolve("extra.txt"), "extra");
    for (String[] args : List.of(new String[] {"add", c.toString(), extra.toString()},
        new String[] {"mv", c.toString(), "extra.txt", "moved.txt"},
        new String[] {"rm", c.toString(), "moved.txt"},
        new String[] {"compact", c.toString()},
        new String[] {"rekey", c.toString(), "--decrypt"})) {
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
      assertThat(siblingsOf(c)).as(args[0]).containsExactly("c.des");
    }
  }

  private List<String> siblingsOf(Path c) throws IOException {
    try (Stream<Path> s = Files.list(c.getParent())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("c.des") || n.startsWith(".c.des"))
          .sorted().toList();
    }
  }
}
