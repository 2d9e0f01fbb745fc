package io.easystore.io;

import io.easystore.internal.io.LockFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAME.lock exists only while someone uses it, and never disappears under a holder. */
class LockFileRemovalTest {
  @TempDir Path tmp;

  @Test
  void theLockFileIsRemovedWhenItsLastUserReleasesItAndNotBefore() throws IOException {
    Path c = Files.writeString(tmp.resolve("c.des"), "container");
    Path lf = LockFiles.lockFileOf(c);
    Closeable writer = LockFiles.writer(c);
    assertThat(writer).isNotNull();
    assertThat(lf).exists();
    Closeable lease = LockFiles.lease(c, 3);
    assertThat(lease).isNotNull().isNotSameAs(LockFiles.NO_LEASE);
    writer.close();
    assertThat(lf).as("a reader still holds a lease in it").exists();
    lease.close();
    assertThat(lf).doesNotExist();
  }

  @Test
  void aReaderCreatesTheLockFileSoALaterWriterSeesItsLease() throws IOException {
    Path c = Files.writeString(tmp.resolve("c.des"), "container");
    try (Closeable lease = LockFiles.lease(c, 2)) {
      assertThat(lease).isNotSameAs(LockFiles.NO_LEASE);
      try (Closeable writer = LockFiles.writer(c); LockFiles.Guard g = LockFiles.guard(c, 10)) {
        assertThat(writer).isNotNull();
        assertThat(g.limit()).as("generation 2 is still read").isEqualTo(2);
      }
    }
    assertThat(LockFiles.lockFileOf(c)).doesNotExist();
  }

  @Test
  void aStrayLockFileLeftByAKilledProcessIsReusedThenRemoved() throws IOException {
    Path c = Files.writeString(tmp.resolve("c.des"), "container");
    Path lf = LockFiles.lockFileOf(c);
    try (Closeable first = LockFiles.writer(c)) {
      assertThat(first).isNotNull();
    }
    // A stray lock file left by a killed process is simply reused, then removed.
    Files.writeString(lf, "");
    try (Closeable again = LockFiles.writer(c)) {
      assertThat(again).isNotNull();
    }
    assertThat(lf).doesNotExist();
  }

  @Test
  void noLockFileStaysAfterANioFileSystemWritesAndCloses() throws IOException {
    Path c = tmp.resolve("site.des");
    java.net.URI uri = java.net.URI.create("des:" + c.toUri());
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of("create", "true"))) {
      Files.createDirectories(fs.getPath("/docs"));
      Files.writeString(fs.getPath("/docs/index.html"), "<h1>hi</h1>");
      Files.writeString(fs.getPath("/a.txt"), "a");
    }
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of())) {
      Files.delete(fs.getPath("/a.txt"));
    }
    try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("site.des");
    }
  }
}
