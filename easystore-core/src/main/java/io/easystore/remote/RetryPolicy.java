package io.easystore.remote;

import io.easystore.io.RequestStats;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a remote operation is retried: up to {@code maxAttempts} attempts,
 * waiting {@code baseDelay * 2^(n-1)} (capped at {@code maxDelay}) after the n-th failure, less a
 * random share of up to {@code jitter} of it so that many clients do not retry in step. A server's
 * {@code Retry-After} is honoured up to {@code maxDelay}.
 *
 * <p>Only {@link TransientRemoteException} and {@link ShortReadException} are retried; every other
 * exception (a changed object, a protocol violation, access denied) is thrown at once. Immutable.
 *
 * @param maxAttempts attempts in total, 1 (no retry) to 100
 * @param baseDelay the wait after the first failure
 * @param maxDelay the longest wait between attempts
 * @param jitter the share of each wait that is randomised, 0 (none) to 1 ("full jitter")
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {

  /** One operation: exactly one request. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException;
  }

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1..100, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay <= 10 min, got " + baseDelay + ", " + maxDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
  }

  /** Six attempts, 100 ms doubling to at most 5 s, full jitter: rides out about 10 s of throttling. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5), 1.0);
  }

  /** A single attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
  }

  /**
   * The wait after the {@code failedAttempt}-th failure (1-based), given a uniform random number
   * {@code random} in [0, 1) and the server's {@code Retry-After} (or null).
   */
  public Duration delay(int failedAttempt, double random, Duration retryAfter) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + failedAttempt);
    }
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    int shift = Math.min(failedAttempt - 1, 62);
    long exp = base > (max >> shift) ? max : Math.min(max, base << shift);
    long wait = exp - (long) (exp * jitter * random);
    if (retryAfter != null && !retryAfter.isNegative()) {
      wait = Math.max(wait, Math.min(max, retryAfter.toNanos()));
    }
    return Duration.ofNanos(wait);
  }

  /**
   * Runs {@code attempt} until it succeeds, fails with a non-retryable exception, or the attempts
   * are used up. Counts every attempt as a request in {@code stats}, and every retry.
   *
   * @param name the source or sink name for messages
   * @throws InterruptedIOException if interrupted while waiting (the interrupt flag is kept)
   */
  public <T> T execute(String name, RequestStats stats, Attempt<T> attempt) throws IOException {
    for (int n = 1; ; n++) {
      stats.recordRequest();
      try {
        return attempt.run();
      } catch (TransientRemoteException | ShortReadException e) {
        if (n >= maxAttempts) {
          throw givingUp(name, n, e);
        }
        Duration retryAfter = e instanceof TransientRemoteException t ? t.retryAfter().orElse(null) : null;
        sleep(delay(n, ThreadLocalRandom.current().nextDouble(), retryAfter), name);
        stats.recordRetry();
      }
    }
  }

  private static IOException givingUp(String name, int attempts, IOException last) {
    if (attempts == 1) {
      return last;
    }
    String message = name + ": giving up after " + attempts + " attempts; last failure: " + last.getMessage();
    if (last instanceof ShortReadException s) {
      return new ShortReadException(message, s);
    }
    TransientRemoteException t = (TransientRemoteException) last;
    return new TransientRemoteException(message, t.status(), t.retryAfter().orElse(null), t);
  }

  private static void sleep(Duration d, String name) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException(name + ": interrupted while waiting to retry");
      io.initCause(e);
      throw io;
    }
  }
}
