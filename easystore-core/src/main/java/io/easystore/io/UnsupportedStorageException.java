package io.easystore.io;

import java.io.IOException;

/**
 * An operation this kind of storage cannot do: writing or locking over HTTP, locks or rename on
 * S3. The message names the location and says "not supported". Immutable.
 */
public class UnsupportedStorageException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnsupportedStorageException(String message) {
    super(message);
  }
}
