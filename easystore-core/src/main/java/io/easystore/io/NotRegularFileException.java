package io.easystore.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A path given as a container, archive or pack that is not a regular file: a directory, a FIFO,
 * a device or a socket. Opening a FIFO for reading blocks until a writer appears, so readers
 * check with {@link #requireRegularFile} before they open anything.
 */
public final class NotRegularFileException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  /** What the path is instead. */
  public enum Kind {
    DIRECTORY("a directory"),
    FIFO("a FIFO (named pipe)"),
    DEVICE("a device"),
    OTHER("not a regular file");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    /** "a directory", "a FIFO (named pipe)", ... */
    public String phrase() {
      return phrase;
    }
  }

  private final Kind kind;

  public NotRegularFileException(String file, Kind kind) {
    super(file, null, "is " + kind.phrase() + ", not a regular file");
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Throws unless {@code path} (links followed) is a regular file.
   *
   * @throws NoSuchFileException if nothing is there
   * @throws NotRegularFileException if it is a directory, FIFO, device or socket
   */
  public static void requireRegularFile(Path path) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString());
    } catch (UnsupportedOperationException e) {
      return;
    }
    if (a.isRegularFile()) {
      return;
    }
    throw new NotRegularFileException(path.toString(), kindOf(path, a));
  }

  private static Kind kindOf(Path path, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return Kind.DIRECTORY;
    }
    try {
      // "unix:mode" has the file type bits where the platform offers them (Linux, macOS).
      Object mode = Files.getAttribute(path, "unix:mode", new LinkOption[0]);
      int type = ((Integer) mode) & 0170000;
      if (type == 0010000) {
        return Kind.FIFO;
      }
      if (type == 0020000 || type == 0060000) {
        return Kind.DEVICE;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return Kind.OTHER;
    }
    return Kind.OTHER;
  }
}
