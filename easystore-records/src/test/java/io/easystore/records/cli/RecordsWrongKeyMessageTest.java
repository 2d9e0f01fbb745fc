package io.easystore.records.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit D14: records commands talk about archives, and a wrong key names the archive and key id. */
class RecordsWrongKeyMessageTest {
  @TempDir Path dir;

  private final RecordsCommandTest cli = new RecordsCommandTest();

  @Test
  void wrongKeyMessageSaysArchiveAndNamesArchiveAndKeyId() throws Exception {
    Path key = dir.resolve("k.key");
    byte[] k = new byte[32];
    k[0] = 7;
    Files.writeString(key, Base64.getEncoder().encodeToString(k));
    Path wrong = dir.resolve("w.key");
    Files.writeString(wrong, Base64.getEncoder().encodeToString(new byte[32]));
    String a = dir.resolve("s.rec").toString();
    RecordsCommandTest.Result app = cli.run("one\n", "append", a, "--encrypt-with", "logs-key", "--key-file", key.toString());
    assertThat(app.code()).as(app.err()).isZero();

    for (String[] args : new String[][] {
        {"cat", a, "--key-file", wrong.toString()},
        {"append", a, "--key-file", wrong.toString()}}) {
      RecordsCommandTest.Result bad = cli.run("two\n", args);
      assertThat(bad.code()).as(bad.err()).isEqualTo(4);
      assertThat(bad.err()).as(args[0]).contains(a).contains("'logs-key'").contains("this archive")
          .doesNotContainIgnoringCase("container");
    }
  }
}
