package io.easystore.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks on the file a command is about to write, made before any work: the directory must exist
 * (nothing is created silently) and an existing file is replaced only with {@code --force}.
 * Stateless.
 */
final class Outputs {
  private Outputs() {}

  /** As {@link #check(Path, boolean)} for a location that may be remote ({@code s3://}: not checked). */
  static void check(String location, boolean force) throws IOException {
    if (!location.contains("://")) {
      check(Path.of(location), force);
    }
  }

  static void check(Path out, boolean force) throws IOException {
    Path abs = out.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IOException("cannot write " + out + ": the directory " + dir + " does not exist (create it first)");
    }
    if (Files.isDirectory(abs)) {
      throw new FileAlreadyExistsException(out.toString(), null, "a directory; name a file to write");
    }
    if (!force && Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(out.toString(), null, "use --force to replace it");
    }
  }
}
