package io.easystore.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The read contract plus what a read-only file system owes: every change is refused with
 * {@link ReadOnlyFileSystemException} naming the path, and a closed file system refuses
 * everything with {@link ClosedFileSystemException} naming the path.
 */
abstract class NioReadOnlyContract extends NioReadContract {

  private static void refused(Path path, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(ReadOnlyFileSystemException.class).hasMessageContaining(path.toString());
  }

  @Test
  void everyChangeIsRefused() throws IOException {
    FileSystem fs = root.getFileSystem();
    assertThat(fs.isReadOnly()).isTrue();
    Path hello = root.resolve("hello.txt");
    Path fresh = root.resolve("fresh.txt");
    refused(fresh, () -> Files.writeString(fresh, "x"));
    refused(hello, () -> Files.write(hello, new byte[1], StandardOpenOption.APPEND));
    refused(hello, () -> Files.newOutputStream(hello));
    refused(hello, () -> Files.newByteChannel(hello, StandardOpenOption.WRITE));
    refused(fresh, () -> Files.createFile(fresh));
    refused(root.resolve("newdir"), () -> Files.createDirectory(root.resolve("newdir")));
    refused(hello, () -> Files.delete(hello));
    refused(hello, () -> Files.deleteIfExists(hello));
    refused(root.resolve("copy.txt"), () -> Files.copy(hello, root.resolve("copy.txt")));
    refused(hello, () -> Files.move(hello, root.resolve("moved.txt")));
    refused(fresh, () -> Files.copy(new ByteArrayInputStream(new byte[3]), fresh));
    refused(hello, () -> Files.setLastModifiedTime(hello, FileTime.fromMillis(0)));
    refused(hello, () -> Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxrwxrwx")));
    assertThat(Files.isWritable(hello)).isFalse();
    assertThatThrownBy(() -> hello.getFileSystem().provider().checkAccess(hello, AccessMode.WRITE))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining(hello.toString());
    assertThat(Files.getFileStore(hello).isReadOnly()).isTrue();
    assertThat(Files.readString(hello)).isEqualTo("hello, world\n");
    assertThat(Files.exists(fresh)).isFalse();
  }

  @Test
  void aClosedFileSystemRefusesEverything() throws IOException {
    Path hello = root.resolve("hello.txt");
    InputStream open = Files.newInputStream(hello);
    assertThat(open.read()).isEqualTo('h');
    root.getFileSystem().close();
    assertThat(root.getFileSystem().isOpen()).isFalse();
    assertThatThrownBy(() -> Files.readAllBytes(hello)).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(hello.toString());
    assertThatThrownBy(() -> Files.readAttributes(hello, BasicFileAttributes.class))
        .isInstanceOf(ClosedFileSystemException.class).hasMessageContaining(hello.toString());
    assertThatThrownBy(() -> Files.newDirectoryStream(root)).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(root.toString());
    assertThatThrownBy(() -> Files.writeString(hello, "x")).isInstanceOf(ClosedFileSystemException.class)
        .hasMessageContaining(hello.toString());
    assertThatThrownBy(open::read).isInstanceOf(IOException.class);
    assertThat(hello.resolveSibling("x")).isEqualTo(root.resolve("x"));
    assertThatCode(() -> root.getFileSystem().close()).doesNotThrowAnyException();
  }
}
