package io.easystore.records;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The log-message record shape: what log and instrumentation archives usually hold. Stored as a
 * compact JSON object by {@link RecordTypes#logMessages()}:
 * {@code {"timestamp":"2024-05-01T12:00:00.123Z","level":"INFO","source":"...","message":"...",
 * "correlationId":"...","properties":{"k":"v"}}}; {@code correlationId} and {@code properties}
 * are omitted when empty.
 *
 * @param timestamp when the event happened (UTC)
 * @param level severity
 * @param source the component that logged it
 * @param message the text
 * @param correlationId ties the events of one request together; may be {@code null}
 * @param properties extra string fields; never {@code null} (copied, immutable)
 */
public record LogMessage(Instant timestamp, Level level, String source, String message, String correlationId,
    Map<String, String> properties) {

  /** Severity levels, in increasing order. */
  public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

  public LogMessage {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** A message without correlation id or properties. */
  public static LogMessage of(Instant timestamp, Level level, String source, String message) {
    return new LogMessage(timestamp, level, source, message, null, Map.of());
  }
}
