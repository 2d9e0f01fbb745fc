package io.easystore.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The standard {@link RecordType}s. All are immutable and thread-safe. */
public final class RecordTypes {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordTypes() {}

  /** Raw bytes; decoding copies them out of the page. */
  public static RecordType<byte[]> bytes() {
    return Bytes.INSTANCE;
  }

  /** UTF-8 text; malformed UTF-8 is reported ({@link RecordDecodeException}) rather than replaced. */
  public static RecordType<String> utf8() {
    return Utf8.INSTANCE;
  }

  /** Any Jackson-serialisable class, with a default {@link ObjectMapper}. */
  public static <T> RecordType<T> json(Class<T> type) {
    return json(MAPPER, type);
  }

  /** Any Jackson-serialisable class, with the caller's mapper (which must not be reconfigured later). */
  public static <T> RecordType<T> json(ObjectMapper mapper, Class<T> type) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(type, "type");
    return new RecordType<>() {
      @Override
      public byte[] encode(T value) throws JsonProcessingException {
        return mapper.writeValueAsBytes(value);
      }

      @Override
      public T decode(byte[] buf, int off, int len) throws IOException {
        return mapper.readValue(buf, off, len, type);
      }
    };
  }

  /** JSON trees, for records whose shape is not known in advance. */
  public static RecordType<JsonNode> jsonTree() {
    return json(MAPPER, JsonNode.class);
  }

  /** {@link LogMessage}s as compact JSON objects. */
  public static RecordType<LogMessage> logMessages() {
    return LogMessages.INSTANCE;
  }

  private enum Bytes implements RecordType<byte[]> {
    INSTANCE;

    @Override
    public byte[] encode(byte[] value) {
      return value;
    }

    @Override
    public byte[] decode(byte[] buf, int off, int len) {
      return Arrays.copyOfRange(buf, off, off + len);
    }
  }

  private enum Utf8 implements RecordType<String> {
    INSTANCE;

    @Override
    public byte[] encode(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] buf, int off, int len) throws CharacterCodingException {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf, off, len)).toString();
    }
  }

  private enum LogMessages implements RecordType<LogMessage> {
    INSTANCE;

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @Override
    public byte[] encode(LogMessage m) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128 + m.message().length());
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("timestamp", m.timestamp().toString());
        g.writeStringField("level", m.level().name());
        g.writeStringField("source", m.source());
        g.writeStringField("message", m.message());
        if (m.correlationId() != null) {
          g.writeStringField("correlationId", m.correlationId());
        }
        if (!m.properties().isEmpty()) {
          g.writeObjectFieldStart("properties");
          for (Map.Entry<String, String> e : m.properties().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      return out.toByteArray();
    }

    @Override
    public LogMessage decode(byte[] buf, int off, int len) throws IOException {
      JsonNode n = MAPPER.readTree(buf, off, len);
      if (n == null || !n.isObject()) {
        throw new IOException("log message is not a JSON object");
      }
      try {
        Map<String, String> props = new LinkedHashMap<>();
        JsonNode p = n.get("properties");
        if (p != null && p.isObject()) {
          p.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode corr = n.get("correlationId");
        return new LogMessage(Instant.parse(text(n, "timestamp")), LogMessage.Level.valueOf(text(n, "level")),
            text(n, "source"), text(n, "message"), corr == null || corr.isNull() ? null : corr.asText(), props);
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new IOException("bad log message: " + e.getMessage(), e);
      }
    }

    private static String text(JsonNode n, String field) throws IOException {
      JsonNode v = n.get(field);
      if (v == null || !v.isTextual()) {
        throw new IOException("log message has no text field '" + field + "'");
      }
      return v.asText();
    }
  }
}
