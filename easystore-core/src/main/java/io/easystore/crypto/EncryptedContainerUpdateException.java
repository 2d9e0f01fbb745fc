package io.easystore.crypto;

import java.io.IOException;

/**
 * An encrypted container was opened for an in-place update. Encrypted containers are written
 * whole: to change one, rewrite it (for example {@code des rekey}, which can keep the key) or
 * write a new container.
 */
public class EncryptedContainerUpdateException extends IOException {
  private static final long serialVersionUID = 1L;

  public EncryptedContainerUpdateException(String container) {
    super(container + ": encrypted containers cannot be updated in place; rewrite it (des rekey) or write a new"
        + " container");
  }
}
