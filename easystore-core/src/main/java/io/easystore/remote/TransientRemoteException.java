package io.easystore.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: throttling (HTTP 429, 503, S3 {@code SlowDown}), a server
 * error (5xx), a refused, reset or timed-out connection. {@link RetryPolicy#execute} retries these
 * with backoff and throws the last one, saying how many attempts were made, when it gives up.
 */
public class TransientRemoteException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Duration retryAfter;

  /**
   * @param status the HTTP status, or 0 for a connection-level failure
   * @param retryAfter how long the server asked the client to wait, or {@code null}
   */
  public TransientRemoteException(String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status, or 0 for a connection-level failure. */
  public int status() {
    return status;
  }

  /** The wait the server asked for ({@code Retry-After}), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
