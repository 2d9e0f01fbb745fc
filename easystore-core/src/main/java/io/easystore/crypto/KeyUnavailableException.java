package io.easystore.crypto;

import java.io.IOException;

/**
 * The key a container names cannot be used: no provider knows its id, the stored key is malformed,
 * or the key found is not the one the container was written with (its key check differs). This is
 * a configuration problem, distinct from {@link AuthenticationFailedException}, which means the
 * data itself was altered.
 *
 * <p>Messages name the key id and where it was looked up, never key material.
 */
public class KeyUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the key cannot be used. */
  public enum Reason {
    /** No provider has a key with this id. */
    MISSING,
    /** A key was found but is not 32 bytes of base64. */
    MALFORMED,
    /** A key was found but it is not the one the container was sealed with. */
    WRONG
  }

  private final String keyId;
  private final Reason reason;

  public KeyUnavailableException(String keyId, Reason reason, String message) {
    super(message);
    this.keyId = keyId;
    this.reason = reason;
  }

  /** The key id concerned. */
  public String keyId() {
    return keyId;
  }

  /** Why the key cannot be used. */
  public Reason reason() {
    return reason;
  }
}
