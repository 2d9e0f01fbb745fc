package io.easystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.UnsupportedVersionException;
import io.easystore.crypto.MissingKeyException;
import io.easystore.io.NotRegularFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one mapping of failures to a line and an exit code, and the escaping of names. */
class FailuresTest {
  record Row(Throwable thrown, int exit, String message) {}

  @Test
  void everyKindOfFailureSaysWhatAndWhereWithoutClassNames() {
    List<Row> rows = List.of(
        new Row(new NoSuchFileException("x.des"), Failures.FAILED, "no such file: x.des"),
        new Row(new NotDirectoryException("README.md"), Failures.FAILED, "not a directory: README.md"),
        new Row(new FileAlreadyExistsException("out.des"), Failures.FAILED, "already exists: out.des"),
        new Row(new AccessDeniedException("/root/x"), Failures.FAILED, "permission denied: /root/x"),
        new Row(new DirectoryNotEmptyException("photos"), Failures.FAILED, "directory not empty: photos (delete"),
        new Row(new FileSystemException("a", null, "is a directory in c.des"), Failures.FAILED, "a: is a directory in c.des"),
        new Row(new FileSystemException("a"), Failures.FAILED, "file system error: a"),
        new Row(new UncheckedIOException(new NoSuchFileException("y")), Failures.FAILED, "no such file: y"),
        new Row(new IOException(), Failures.FAILED, "input/output error"),
        new Row(new java.io.EOFException(), Failures.FAILED, "unexpected end of file"),
        new Row(new IllegalArgumentException("threads must be 1..256"), Failures.FAILED, "threads must be 1..256"),
        new Row(new NullPointerException(), Failures.FAILED, "internal error (run again with --debug"),
        new Row(new CorruptContainerException("c.des", 12, "e", "bad"), Failures.DAMAGED, "c.des @ offset 12 [entry 'e']: bad"),
        new Row(new UnsupportedVersionException.TooNew("c.des", 8, 9, 2), Failures.UNSUPPORTED, "newer than this library"),
        new Row(new LimitExceededException("c.des", 0, null, "entries", 9, 5, "--max-entries"), Failures.FAILED,
            "raise it with --max-entries"),
        new Row(new NotRegularFileException("f.des", NotRegularFileException.Kind.FIFO), Failures.DAMAGED,
            "f.des is a FIFO (named pipe), not a DES container"),
        new Row(new MissingKeyException("k", "c.des: no key 'k': EASYSTORE_KEY_K is not set"), Failures.KEY,
            "c.des: no key 'k'"),
        new Row(new io.easystore.remote.RemoteSetupException("s3://b/k", io.easystore.remote.RemoteSetupException.Missing.REGION,
            "no region", null), Failures.FAILED, "s3://b/k: no S3 region: give --region"));
    for (Row r : rows) {
      Failures.Failure f = Failures.of(r.thrown(), "des ls");
      assertThat(f.exitCode()).as(r.thrown().toString()).isEqualTo(r.exit());
      assertThat(f.message()).as(r.thrown().toString()).contains(r.message()).doesNotContain("Exception")
          .doesNotContain("\n");
    }
  }

  @Test
  void reportPrintsOneLineWithTheFamilyPrefixAndNoStackTraceUnlessDebug() {
    StringWriter w = new StringWriter();
    int code = Failures.report(new NoSuchFileException("a.rec"), "des records cat", new PrintWriter(w), false);
    assertThat(code).isEqualTo(Failures.FAILED);
    assertThat(w.toString()).isEqualTo("des records cat: no such file: a.rec" + System.lineSeparator());
    StringWriter d = new StringWriter();
    Failures.report(new NoSuchFileException("a.des"), "des ls", new PrintWriter(d), true);
    assertThat(d.toString()).startsWith("des: no such file: a.des").contains("\tat ");
    StringWriter u = new StringWriter();
    assertThat(Failures.usage("Missing required option: '--output=OUT'", "records cat", new PrintWriter(u)))
        .isEqualTo(Failures.USAGE);
    assertThat(u.toString().strip()).isEqualTo("des records cat: Missing required option: '--output=OUT'"
        + " (see `des records cat --help`)");
  }

  @Test
  void namesAreEscapedLikeGnuLsEscapeStyle() {
    assertThat(PrintableText.escape("plain/name-ü-😀.txt")).isEqualTo("plain/name-ü-😀.txt");
    assertThat(PrintableText.escape("a\nb\tc\u001b[2Kd\\e\u007f\u202e")).isEqualTo("a\\nb\\tc\\x1b[2Kd\\\\e\\x7f\\u202e");
    assertThat(PrintableText.escapeControls("C:\\x\n")).isEqualTo("C:\\x\\n");
    assertThat(PrintableText.escape("\ud800x")).isEqualTo("\\ud800x");
    assertThat(Failures.of(new NoSuchFileException("evil\n\u001b[2K"), "des ls").message())
        .isEqualTo("no such file: evil\\n\\x1b[2K");
  }

  @Test
  void fileKindsAreToldByTheirFirstBytes() {
    assertThat(FileKind.of("DESHEAD1xxxx".getBytes())).isEqualTo(FileKind.DES_CONTAINER);
    assertThat(FileKind.of("ESRECARC".getBytes())).isEqualTo(FileKind.RECORD_ARCHIVE);
    assertThat(FileKind.of(new byte[] {'P', 'K', 3, 4})).isEqualTo(FileKind.ZIP);
    assertThat(FileKind.of(new byte[] {0x1f, (byte) 0x8b, 8})).isEqualTo(FileKind.GZIP);
    assertThat(FileKind.of(new byte[0])).isEqualTo(FileKind.EMPTY);
    assertThat(FileKind.of("random bytes".getBytes())).isEqualTo(FileKind.UNKNOWN);
    assertThat(FileKind.ZIP.readWith("dir/x.zip")).isEqualTo("des import dir/x.zip -o x.des");
    assertThat(FileKind.TAR.readWith("my files.tar")).isEqualTo("des import 'my files.tar' -o 'my files.des'");
  }
}
