package io.easystore.crypto;

/**
 * No provider has a key with the id a container names. Its {@link #reason()} is {@link Reason#MISSING}.
 */
public class MissingKeyException extends KeyUnavailableException {
  private static final long serialVersionUID = 1L;

  public MissingKeyException(String keyId, String message) {
    this(keyId, message, null);
  }

  MissingKeyException(String keyId, String message, Throwable cause) {
    super(keyId, Reason.MISSING, message, cause);
  }
}
