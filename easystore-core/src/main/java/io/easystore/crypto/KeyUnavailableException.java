package io.easystore.crypto;

import java.io.IOException;

/**
 * The key a container names cannot be used: no provider knows its id, the stored key is malformed,
 * or the key found is not the one the container was written with (its key check differs). This is
 * a configuration problem, distinct from {@link AuthenticationFailedException}, which means the
 * data itself was altered.
 *
 * <p>Each reason has its own subclass ({@link MissingKeyException}, {@link MalformedKeyException},
 * {@link WrongKeyException}), so callers can catch the case they handle; {@link #reason()} says the
 * same for code that switches. Create instances with {@link #of}, which picks the subclass.
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

  /**
   * A plain instance; prefer {@link #of}, which returns the subclass for {@code reason}.
   */
  public KeyUnavailableException(String keyId, Reason reason, String message) {
    this(keyId, reason, message, null);
  }

  /** For subclasses and {@link #inContainer}; {@code cause} must not carry key material either. */
  protected KeyUnavailableException(String keyId, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.keyId = keyId;
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** The exception of the subclass that matches {@code reason}. */
  public static KeyUnavailableException of(String keyId, Reason reason, String message) {
    return of(keyId, reason, message, null);
  }

  private static KeyUnavailableException of(String keyId, Reason reason, String message, Throwable cause) {
    return switch (reason) {
      case MISSING -> new MissingKeyException(keyId, message, cause);
      case MALFORMED -> new MalformedKeyException(keyId, message, cause);
      case WRONG -> new WrongKeyException(keyId, message, cause);
    };
  }

  /**
   * The same failure, of the same type, with a message that starts with {@code container} (so
   * that a provider's error, which cannot know the container, names it). Returns this exception
   * if its message already names the container.
   */
  public KeyUnavailableException inContainer(String container) {
    String m = getMessage();
    if (container == null || (m != null && m.contains(container))) {
      return this;
    }
    return of(keyId, reason, container + ": " + m, this);
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
