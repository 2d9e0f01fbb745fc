package io.easystore.crypto;

/**
 * A key was found but is not the one the container was sealed with, or the keystore holding it
 * could not be opened with the password given. Its {@link #reason()} is {@link Reason#WRONG}.
 */
public class WrongKeyException extends KeyUnavailableException {
  private static final long serialVersionUID = 1L;

  public WrongKeyException(String keyId, String message) {
    this(keyId, message, null);
  }

  WrongKeyException(String keyId, String message, Throwable cause) {
    super(keyId, Reason.WRONG, message, cause);
  }
}
