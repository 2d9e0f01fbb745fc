package io.easystore.crypto;

import io.easystore.CorruptContainerException;

/**
 * A sealed block failed AES-GCM authentication with the right key: its bytes, its nonce, or the
 * context it is bound to (container id, offset) were changed. Treat the block as corrupt; never use
 * any of its plaintext.
 */
public class AuthenticationFailedException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String container, long offset, String entry, String problem) {
    super(container, offset, entry, problem);
  }
}
