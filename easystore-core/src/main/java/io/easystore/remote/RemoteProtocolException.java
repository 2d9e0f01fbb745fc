package io.easystore.remote;

import java.io.IOException;

/**
 * The server answered in a way the range protocol does not allow: a full body (200) where a part
 * (206) was asked for, a missing or inconsistent {@code Content-Range}, a body longer than
 * announced, an unexpected status. Retrying does not help, so these are never retried, except the
 * {@link ShortReadException} subclass.
 */
public class RemoteProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status of the offending response, or 0 when there was none
   */
  public RemoteProtocolException(String message, int status) {
    this(message, status, null);
  }

  public RemoteProtocolException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the offending response, or 0. */
  public int status() {
    return status;
  }
}
