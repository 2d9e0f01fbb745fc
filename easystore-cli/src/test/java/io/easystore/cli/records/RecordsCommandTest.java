package io.easystore.cli.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsCommandTest {
  @TempDir Path dir;

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
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
    return new Result(code, out.toString(StandardCharsets.UTF_8).replace("\r", ""),
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  static String lines(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("{\"id\":").append(i).append(",\"user\":\"u").append(i % 7).append("\",\"msg\":\"hello ")
          .append(i).append("\"}\n");
    }
    return sb.toString();
  }

  @Test
  void readBoundsCanBeLoweredAndRaisedTogether() {
    String a = dir.resolve("bounds.rec").toString();
    assertThat(run(lines(0, 3), "append", a).code).isZero();
    Result lowered = run("", "cat", a, "--max-page-size", "16", "--max-item-size", "7");
    assertThat(lowered.code).as(lowered.err).isEqualTo(1);
    assertThat(lowered.err).contains("page size").contains("--max-page-size");
    Result raised = run("", "cat", a, "--max-page-size", "67108864", "--max-item-size", "41943040");
    assertThat(raised.code).as(raised.err).isZero();
    assertThat(raised.lines()).hasSize(3);
  }

  @Test
  void appendCatTailStatsIndexFindWorkTogether() throws Exception {
    String a = dir.resolve("log.rec").toString();
    Result app = run(lines(0, 500), "append", a, "--page-size", "1024", "--description", "test log");
    assertThat(app.code).as(app.err).isZero();
    assertThat(app.out).contains("appended 500 records");
    assertThat(run(lines(500, 600), "append", a).code).isZero();

    Result cat = run("", "cat", a);
    assertThat(cat.code).isZero();
    assertThat(cat.lines()).hasSize(600);
    assertThat(cat.lines().get(599)).isEqualTo("{\"id\":599,\"user\":\"u4\",\"msg\":\"hello 599\"}");

    Result json = run("", "cat", a, "--json", "-n", "3");
    assertThat(json.lines()).hasSize(3);
    assertThat(json.lines().get(1)).startsWith("{\"bookmark\":\"").contains("\"record\":{\"id\":1,");
    String bm = json.lines().get(1).replaceAll("^\\{\"bookmark\":\"([0-9:]+)\".*$", "$1");
    Result from = run("", "cat", a, "--from", bm);
    assertThat(from.lines()).hasSize(599);
    assertThat(from.lines().get(0)).contains("\"id\":1,");

    Result tail = run("", "tail", a, "-n", "4");
    assertThat(tail.lines()).hasSize(4);
    assertThat(tail.lines().get(3)).contains("\"id\":599,");
    assertThat(tail.lines().get(0)).contains("\"id\":596,");

    Result stats = run("", "stats", a);
    assertThat(stats.code).isZero();
    assertThat(stats.out).contains("records:     600").contains("test log").contains("torn tail:   none");
    assertThat(run("", "stats", a, "--json").out).contains("\"records\":600");

    Result idx = run("", "index", a, "--key", "id");
    assertThat(idx.code).as(idx.err).isZero();
    assertThat(idx.out).contains("indexed 600 records by id (long keys)");
    Result find = run("", "find", a, "123");
    assertThat(find.code).as(find.err).isZero();
    assertThat(find.lines()).containsExactly("{\"id\":123,\"user\":\"u4\",\"msg\":\"hello 123\"}");

    assertThat(run("", "index", a, "--key", "user").code).isZero();
    Result byUser = run("", "find", a, "u3", "--key", "user", "--json");
    assertThat(byUser.lines()).hasSize(600 / 7 + (600 % 7 > 3 ? 1 : 0));
    Result ambiguous = run("", "find", a, "u3");
    assertThat(ambiguous.code).isEqualTo(1);
    assertThat(ambiguous.err).contains("2 indexes");
    Result none = run("", "find", a, "nobody", "--key", "user");
    assertThat(none.code).isEqualTo(1);
    assertThat(none.out).isEmpty();
  }

  @Test
  void repairTrimsATornTailThatCatReports() throws Exception {
    Path a = dir.resolve("t.rec");
    assertThat(run(lines(0, 300), "append", a.toString(), "--page-size", "2048").code).isZero();
    long size = Files.size(a);
    try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
      ch.truncate(size - 100);
    }
    Result cat = run("", "cat", a.toString());
    assertThat(cat.code).isZero();
    assertThat(cat.err).contains("warning: ").contains("torn tail");
    int complete = cat.lines().size();
    assertThat(complete).isBetween(1, 299);
    Result strict = run("", "cat", a.toString(), "--strict");
    assertThat(strict.code).isEqualTo(3);
    assertThat(strict.err.strip()).doesNotContain("\n").contains("torn tail").doesNotContain("at io.easystore");

    Result dry = run("", "repair", a.toString(), "--dry-run");
    assertThat(dry.out).contains("would trim");
    Result fix = run("", "repair", a.toString());
    assertThat(fix.code).isZero();
    assertThat(fix.out).contains("trimmed");
    assertThat(run("", "repair", a.toString()).out).contains("intact");
    Result after = run("", "cat", a.toString(), "--strict");
    assertThat(after.code).isZero();
    assertThat(after.lines()).hasSize(complete);
  }

  @Test
  void encryptedArchivesNeedTheirKey() throws Exception {
    Path key = dir.resolve("k.key");
    byte[] k = new byte[32];
    k[0] = 7;
    Files.writeString(key, Base64.getEncoder().encodeToString(k));
    String a = dir.resolve("s.rec").toString();
    Result app = run("secret one\nsecret two\n", "append", a, "--encrypt-with", "logs-key", "--key-file", key.toString());
    assertThat(app.code).as(app.err).isZero();
    assertThat(Files.readString(Path.of(a), StandardCharsets.ISO_8859_1)).doesNotContain("secret one");
    assertThat(run("", "cat", a, "--key-file", key.toString()).lines()).containsExactly("secret one", "secret two");
    Result noKey = run("", "cat", a);
    assertThat(noKey.code).isEqualTo(4);
    assertThat(noKey.err).contains("logs-key");
    Path wrong = dir.resolve("w.key");
    Files.writeString(wrong, Base64.getEncoder().encodeToString(new byte[32]));
    Result bad = run("", "cat", a, "--key-file", wrong.toString());
    assertThat(bad.code).isEqualTo(4);
    assertThat(bad.err).contains("not the key");
    assertThat(run("more\n", "append", a, "--key-file", key.toString()).code).isZero();
    assertThat(run("", "stats", a).out).contains("records:     3");
  }

  @Test
  void flushIntervalTakesShortDurationsAndRefusesNonPositiveOnes() throws Exception {
    String a = dir.resolve("f.rec").toString();
    for (String ok : new String[] {"500ms", "2s", "1m", "1h", "3", "PT0.25S"}) {
      Result r = run("x\n", "append", a, "--flush-interval", ok);
      assertThat(r.code).as(ok + ": " + r.err).isZero();
    }
    for (String bad : new String[] {"0", "0ms", "-1s", "soon", "PT0S"}) {
      Result r = run("x\n", "append", a, "--flush-interval", bad);
      assertThat(r.code).as(bad).isEqualTo(2);
      assertThat(r.err).contains("--flush-interval");
    }
    assertThat(run("", "cat", a).lines()).hasSize(6);
  }

  @Test
  void anArchiveOfAnotherFormatVersionIsNotReportedAsDamaged() throws Exception {
    Path a = dir.resolve("v.rec");
    assertThat(run(lines(0, 10), "append", a.toString()).code).isZero();
    byte[] good = Files.readAllBytes(a);
    for (int version : new int[] {99, 0}) {
      byte[] b = good.clone();
      // The volume header's format version: u16 little-endian at offset 8 (docs/FORMAT.md).
      b[8] = (byte) version;
      b[9] = 0;
      Files.write(a, b);
      for (String cmd : new String[] {"cat", "stats", "tail"}) {
        Result r = run("", cmd, a.toString());
        assertThat(r.code).as(cmd + " of version " + version + ": " + r.err).isEqualTo(5);
        assertThat(r.err.strip()).startsWith("des records " + cmd + ": ").contains("version " + version)
            .doesNotContain("\n");
      }
      Result app = run("x\n", "append", a.toString());
      assertThat(app.code).as(app.err).isEqualTo(5);
    }
  }

  @Test
  void errorsAreOneLineWithExitCodes() throws Exception {
    List<Result> rs = new ArrayList<>();
    Result missing = run("", "cat", dir.resolve("nope.rec").toString());
    rs.add(missing);
    assertThat(missing.code).isEqualTo(1);
    assertThat(missing.err).contains("no such file");
    Path junk = dir.resolve("junk.rec");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22});
    Result corrupt = run("", "stats", junk.toString());
    rs.add(corrupt);
    assertThat(corrupt.code).isEqualTo(3);
    assertThat(corrupt.err).contains("not a record archive");
    Result badBookmark = run("", "cat", junk.toString(), "--from", "xyz");
    rs.add(badBookmark);
    assertThat(badBookmark.code).isIn(1, 3);
    Result usage = run("", "cat");
    assertThat(usage.code).isEqualTo(2);
    Result badCodec = run("x\n", "append", dir.resolve("c.rec").toString(), "--codec", "lz5");
    rs.add(badCodec);
    assertThat(badCodec.code).isEqualTo(1);
    assertThat(badCodec.err).contains("unknown codec");
    for (Result r : rs) {
      assertThat(r.err.strip()).doesNotContain("\n").doesNotContain("\tat ").startsWith("des records ");
    }
    assertThat(run("", "--help").out).contains("append").contains("repair");
  }
}
