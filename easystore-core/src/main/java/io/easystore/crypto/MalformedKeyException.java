package io.easystore.crypto;

/**
 * A key was found but is not a 256-bit AES key (not 32 bytes of base64, or not an AES
 * entry of that size in a keystore). Its {@link #reason()} is {@link Reason#MALFORMED}.
 */
public class MalformedKeyException extends KeyUnavailableException {
  private static final long serialVersionUID = 1L;

  public MalformedKeyException(String keyId, String message) {
    this(keyId, message, null);
  }

  MalformedKeyException(String keyId, String message, Throwable cause) {
    super(keyId, Reason.MALFORMED, message, cause);
  }
}
