package io.easystore.remote;

/**
 * A response carried fewer bytes than its headers announced: usually a connection cut in the
 * middle of a body. {@link RetryPolicy#execute} retries it like a broken connection and throws it
 * once the attempts are used up.
 */
public class ShortReadException extends RemoteProtocolException {
  private static final long serialVersionUID = 1L;

  private final long expected;
  private final long received;

  public ShortReadException(String location, long offset, long expected, long received) {
    super(location + " @ offset " + offset + ": short read, got " + received + " of " + expected
        + " bytes", 0);
    this.expected = expected;
    this.received = received;
  }

  ShortReadException(String message, ShortReadException last) {
    super(message, 0, last);
    this.expected = last.expected;
    this.received = last.received;
  }

  /** Bytes the response announced. */
  public long expected() {
    return expected;
  }

  /** Bytes that arrived. */
  public long received() {
    return received;
  }
}
