package io.easystore.io;

import java.nio.file.AtomicMoveNotSupportedException;

/**
 * A publish failed because the file system cannot rename atomically within a directory, so the
 * target could not be replaced without a window where it is incomplete. The message names the
 * file system (store name and type); nothing was renamed. Immutable.
 */
public final class NonAtomicStorageException extends AtomicMoveNotSupportedException {
  private static final long serialVersionUID = 1L;

  public NonAtomicStorageException(String temp, String target, String reason) {
    super(temp, target, reason);
  }
}
