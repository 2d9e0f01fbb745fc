package io.easystore.nio;

import java.nio.file.ClosedFileSystemException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * The JDK's {@link ReadOnlyFileSystemException} and {@link ClosedFileSystemException} carry no
 * message; these subclasses name the container and the path, so a caller sees what was refused.
 */
final class Refusals {
  private Refusals() {}

  static ReadOnlyFileSystemException readOnly(String container, Object path) {
    return new ReadOnly(container + ": read-only file system, cannot change " + path);
  }

  static ClosedFileSystemException closed(String container, Object path) {
    return new Closed(container + ": file system is closed" + (path == null ? "" : ", cannot access " + path));
  }

  private static final class ReadOnly extends ReadOnlyFileSystemException {
    private static final long serialVersionUID = 1L;
    private final String message;

    ReadOnly(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }

  private static final class Closed extends ClosedFileSystemException {
    private static final long serialVersionUID = 1L;
    private final String message;

    Closed(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
