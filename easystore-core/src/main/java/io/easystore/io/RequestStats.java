package io.easystore.io;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a remote source or sink costs: requests sent (every attempt, including retries and
 * failed ones), payload bytes moved by successful requests, and retries.
 *
 * <p>Thread-safe; {@link #snapshot()} gives an immutable copy, so tests can assert request budgets
 * exactly (for example, open plus footer read is one request).
 */
public final class RequestStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder retries = new LongAdder();

  /** Counters at zero, for one transport or one source. */
  public RequestStats() {}

  /** Counts one request about to be sent. */
  public void recordRequest() {
    requests.increment();
  }

  /** Counts payload bytes received or sent by a successful request. */
  public void recordBytes(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative byte count " + n);
    }
    bytes.add(n);
  }

  /** Counts a retry (an attempt after a failed one). */
  public void recordRetry() {
    retries.increment();
  }

  /** The counters now. The three values are read one after another, not atomically together. */
  public Snapshot snapshot() {
    return new Snapshot(requests.sum(), bytes.sum(), retries.sum());
  }

  /**
   * Immutable counter values.
   *
   * @param requests requests sent, every attempt counted
   * @param bytes payload bytes of successful requests
   * @param retries attempts that followed a failed attempt
   */
  public record Snapshot(long requests, long bytes, long retries) {
    public static final Snapshot ZERO = new Snapshot(0, 0, 0);

    public Snapshot {
      if (requests < 0 || bytes < 0 || retries < 0) {
        throw new IllegalArgumentException("negative counter");
      }
    }

    /** The counts between {@code earlier} and this snapshot. */
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(requests - earlier.requests, bytes - earlier.bytes, retries - earlier.retries);
    }
  }
}
