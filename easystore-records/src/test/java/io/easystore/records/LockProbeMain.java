package io.easystore.records;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process for {@link InterruptedWriterIoTest}: tries the archive's exclusive lock with
 * {@code FileChannel.tryLock} and prints "locked" (another process holds it) or "free".
 */
public final class LockProbeMain {
  private LockProbeMain() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      System.out.println(l == null ? "locked" : "free");
      if (l != null) {
        l.release();
      }
    }
  }
}
