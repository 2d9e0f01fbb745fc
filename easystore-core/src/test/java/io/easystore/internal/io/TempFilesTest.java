package io.easystore.internal.io;


import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
  @TempDir Path tmp;

  @Test
  void aTemporaryFileIsTrackedUntilPublishedOrDiscarded() throws IOException {
    int before = TempFiles.inFlight();
    Path t = TempFiles.createBeside(tmp.resolve("out.tar"));
    assertThat(t.getFileName().toString()).startsWith(".out.tar.").endsWith(".tmp");
    assertThat(TempFiles.inFlight()).isEqualTo(before + 1);
    Files.writeString(t, "body");
    TempFiles.publish(t, tmp.resolve("out.tar"));
    assertThat(TempFiles.inFlight()).isEqualTo(before);
    assertThat(tmp.resolve("out.tar")).hasContent("body");
    Path u = TempFiles.createBeside(tmp.resolve("other"));
    TempFiles.discard(u);
    assertThat(u).doesNotExist();
    assertThat(TempFiles.inFlight()).isEqualTo(before);
  }

  @Test
  void aPublishedFileHasTheModeOfAnyNewFileNotCreateTempFiles0600() throws IOException {
    Path plain = Files.createFile(tmp.resolve("plain"));
    Path t = TempFiles.createBeside(tmp.resolve("published"));
    TempFiles.publish(t, tmp.resolve("published"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("published"))))
        .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
  }
}
