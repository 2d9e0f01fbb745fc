package io.easystore.cli.records;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.codec.CodecId;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit D14: messages reachable from records talk about archives; a wrong key names the archive and key id. */
class RecordsMessagesSayArchiveTest {
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

  @Test
  void replacedArchiveMessageDoesNotSayContainer() throws Exception {
    Path a = dir.resolve("r.rec");
    try (RecordWriter w = RecordArchives.create(a, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      w.append("one");
    }
    try (RecordReader r = RecordArchives.open(a, ReaderOptions.defaults())) {
      // What rekey does: a new file renamed over the old one while a reader has it open.
      Path b = dir.resolve("b.rec");
      try (RecordWriter w = RecordArchives.create(b, WriterOptions.defaults().withCodec(CodecId.NONE))) {
        w.append("two");
      }
      Files.move(b, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> r.cursor(RecordTypes.utf8()).next()).isInstanceOf(InterruptedIOException.class);
      } finally {
        Thread.interrupted();
      }
      assertThatThrownBy(() -> r.cursor(RecordTypes.utf8()).next())
          .hasMessageContaining("replaced").hasMessageNotContaining("container");
    }
  }
}
