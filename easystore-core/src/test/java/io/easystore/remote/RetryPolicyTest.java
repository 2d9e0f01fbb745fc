package io.easystore.remote;

import io.easystore.io.RequestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(2), 1.0);

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(101, Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delaysDoubleUpToTheCapAndJitterTakesAShareOff() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), 0.5);
    assertThat(p.delay(1, 0, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delay(2, 0, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delay(4, 0, null)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.delay(5, 0, null)).isEqualTo(Duration.ofMillis(1000));
    assertThat(p.delay(100, 0, null)).isEqualTo(Duration.ofMillis(1000));
    assertThat(p.delay(2, 1.0, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delay(2, 0.5, null)).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void retryAfterIsHonouredButCappedAtMaxDelay() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), 1.0);
    assertThat(p.delay(1, 0.99, Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(700));
    assertThat(p.delay(1, 0.99, Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void transientFailuresAreRetriedAndCounted() throws IOException {
    RequestStats stats = new RequestStats();
    AtomicInteger calls = new AtomicInteger();
    String result = FAST.execute("x", stats, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new TransientRemoteException("busy", 503, Duration.ZERO, null);
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(stats.snapshot()).isEqualTo(new RequestStats.Snapshot(3, 0, 2));
  }

  @Test
  void otherFailuresAreNotRetried() {
    RequestStats stats = new RequestStats();
    assertThatThrownBy(() -> FAST.execute("x", stats, () -> {
      throw new ObjectChangedException("x", "a", "b");
    })).isInstanceOf(ObjectChangedException.class);
    assertThatThrownBy(() -> FAST.execute("x", stats, () -> {
      throw new RemoteProtocolException("bad", 200);
    })).isInstanceOf(RemoteProtocolException.class);
    assertThat(stats.snapshot()).isEqualTo(new RequestStats.Snapshot(2, 0, 0));
  }

  @Test
  void shortReadsAreRetriedAndReportedWithTheirCountsWhenAttemptsRunOut() {
    RequestStats stats = new RequestStats();
    assertThatThrownBy(() -> FAST.execute("x", stats, () -> {
      throw new ShortReadException("x", 0, 10, 4);
    })).isInstanceOfSatisfying(ShortReadException.class, e -> {
      assertThat(e.expected()).isEqualTo(10);
      assertThat(e.received()).isEqualTo(4);
    }).hasMessageContaining("giving up after 4 attempts");
    assertThat(stats.snapshot()).isEqualTo(new RequestStats.Snapshot(4, 0, 3));
  }

  @Test
  void anInterruptWhileWaitingStopsRetryingAndKeepsTheFlag() {
    RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> slow.execute("x", new RequestStats(), () -> {
        throw new TransientRemoteException("busy", 503, null, null);
      })).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void retryAfterHeadersParseAsSecondsOrDates() {
    assertThat(HttpTransport.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(HttpTransport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(HttpTransport.retryAfter("soon")).isNull();
    assertThat(HttpTransport.retryAfter(null)).isNull();
  }
}
