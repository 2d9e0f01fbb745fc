package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** des add, rm, mv, compact and the live/dead figures of des info, in-process. */
class UpdateCliTest {
  @TempDir Path tmp;

  @Test
  void addRmMvCompactAndInfoOnAnUpdatedContainer() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("a.txt"), "alpha");
    Files.writeString(src.resolve("b.txt"), "beta");
    Path c = tmp.resolve("c.des");
    assertThat(CliRun.of("pack", src.toString(), "-o", c.toString()).exit()).isZero();

    Path extra = Files.writeString(tmp.resolve("extra.txt"), "extra!");
    Path dir = Files.createDirectories(tmp.resolve("docs/sub"));
    Files.writeString(dir.resolve("deep.md"), "# deep");
    CliRun add = CliRun.of("add", c.toString(), extra.toString(), "--as", "more/extra.txt");
    assertThat(add.exit()).as(add.stderr()).isZero();
    assertThat(add.out()).contains("added 1 file");
    CliRun addDir = CliRun.of("add", c.toString(), tmp.resolve("docs").toString());
    assertThat(addDir.exit()).as(addDir.stderr()).isZero();
    assertThat(CliRun.of("cat", c.toString(), "more/extra.txt").out()).isEqualTo("extra!");
    assertThat(CliRun.of("cat", c.toString(), "docs/sub/deep.md").out()).isEqualTo("# deep");

    CliRun mv = CliRun.of("mv", c.toString(), "a.txt", "renamed/a.txt");
    assertThat(mv.exit()).as(mv.stderr()).isZero();
    CliRun rm = CliRun.of("rm", c.toString(), "b.txt");
    assertThat(rm.exit()).as(rm.stderr()).isZero();
    assertThat(rm.out()).contains("deleted 1 entry");
    CliRun rmDir = CliRun.of("rm", c.toString(), "docs");
    assertThat(rmDir.exit()).isEqualTo(Main.FAILED);
    assertThat(rmDir.stderr()).contains("docs");
    assertThat(CliRun.of("rm", "-r", c.toString(), "docs").exit()).isZero();

    assertThat(CliRun.of("ls", c.toString()).out()).contains("renamed/a.txt").contains("more/extra.txt")
        .doesNotContain("b.txt").doesNotContain("deep.md");
    CliRun info = CliRun.of("info", c.toString());
    assertThat(info.out()).contains("live:").contains("dead:").contains("deltas:");
    assertThat(CliRun.of("info", "--json", c.toString()).out()).contains("\"deadBytes\"");
    assertThat(CliRun.of("verify", c.toString()).out()).startsWith("OK:");

    CliRun compact = CliRun.of("compact", c.toString());
    assertThat(compact.exit()).as(compact.stderr()).isZero();
    assertThat(compact.out()).contains("compacted");
    assertThat(CliRun.of("info", c.toString()).out()).contains("dead:       0 bytes").contains("deltas:     0");
    assertThat(CliRun.of("cat", c.toString(), "renamed/a.txt").out()).isEqualTo("alpha");
    assertThat(CliRun.of("verify", c.toString()).out()).startsWith("OK:");
  }

  @Test
  void addCreatesWithCreateAndRefusesMissingContainersOtherwise() throws IOException {
    Path f = Files.writeString(tmp.resolve("f.txt"), "f");
    Path c = tmp.resolve("new.des");
    CliRun missing = CliRun.of("add", c.toString(), f.toString());
    assertThat(missing.exit()).isEqualTo(Main.FAILED);
    assertThat(missing.stderr()).contains("new.des");
    assertThat(CliRun.of("add", "--create", c.toString(), f.toString()).exit()).isZero();
    assertThat(CliRun.of("cat", c.toString(), "f.txt").out()).isEqualTo("f");
    CliRun twoWithAs = CliRun.of("add", c.toString(), f.toString(), f.toString(), "--as", "x");
    assertThat(twoWithAs.exit()).isNotZero();
  }
}
