package io.easystore.records;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.internal.codec.Codecs;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RecordWriter} builds pages and what it records in a new archive's metadata.
 * Immutable; the {@code with} methods return copies. When appending to an existing archive, the
 * archive's own codec, key id and metadata win; only the page thresholds, limits, keys, host,
 * application and clock apply.
 */
public final class WriterOptions {
  /** Default page size threshold: 64 KiB of entry stream. */
  public static final int DEFAULT_PAGE_SIZE = 64 * 1024;

  private static volatile String localHost;

  final CodecId codec;
  final int level;
  final int pageSize;
  final Duration maxPageAge;
  final int maxItemSize;
  final String description;
  final String host;
  final String application;
  final String contentType;
  final Map<String, String> properties;
  final String keyId;
  final KeyProvider keys;
  final boolean syncOnFlush;
  final Clock clock;

  private WriterOptions(CodecId codec, int level, int pageSize, Duration maxPageAge, int maxItemSize,
      String description, String host, String application, String contentType, Map<String, String> properties,
      String keyId, KeyProvider keys, boolean syncOnFlush, Clock clock) {
    if (codec == CodecId.ZSTD_DICTIONARY) {
      throw new IllegalArgumentException("record archives compress pages with none, deflate or zstd");
    }
    Codecs.of(codec, level);
    if (pageSize < 64 || pageSize > ReaderOptions.DEFAULT_MAX_PAGE_SIZE / 2) {
      throw new IllegalArgumentException("page size must be 64 .. " + ReaderOptions.DEFAULT_MAX_PAGE_SIZE / 2
          + " bytes, got " + pageSize);
    }
    if (maxItemSize < 1 || maxItemSize > ReaderOptions.DEFAULT_MAX_ITEM_SIZE) {
      throw new IllegalArgumentException("max item size must be 1 .. 16 MiB, got " + maxItemSize);
    }
    if (keyId != null) {
      KeyProviders.checkKeyId(keyId);
    }
    this.codec = codec;
    this.level = level;
    this.pageSize = pageSize;
    this.maxPageAge = maxPageAge;
    this.maxItemSize = maxItemSize;
    this.description = description;
    this.host = host;
    this.application = application;
    this.contentType = contentType;
    this.properties = Map.copyOf(properties);
    this.keyId = keyId;
    this.keys = keys;
    this.syncOnFlush = syncOnFlush;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** zstd level 3, 64 KiB pages, no age limit, 16 MiB records, no encryption, this host. */
  public static WriterOptions defaults() {
    return new WriterOptions(CodecId.ZSTD, Codecs.DEFAULT_ZSTD_LEVEL, DEFAULT_PAGE_SIZE, null,
        ReaderOptions.DEFAULT_MAX_ITEM_SIZE, "", localHost(), "", "bytes", Map.of(), null, null, false,
        Clock.systemUTC());
  }

  public int pageSize() {
    return pageSize;
  }

  /** The maximum age of a buffered page, or {@code null} for none. */
  public Duration maxPageAge() {
    return maxPageAge;
  }

  /** Page compression for a new archive, at the codec's default level. */
  public WriterOptions withCodec(CodecId c) {
    int lvl = c == CodecId.DEFLATE ? Codecs.DEFAULT_DEFLATE_LEVEL : Codecs.DEFAULT_ZSTD_LEVEL;
    return withCodec(c, lvl);
  }

  public WriterOptions withCodec(CodecId c, int lvl) {
    return new WriterOptions(c, lvl, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  /** Write a page once its entry stream reaches this many bytes. */
  public WriterOptions withPageSize(int bytes) {
    return new WriterOptions(codec, level, bytes, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  /**
   * Write a page once its oldest record is this old ({@code null}: no limit), whether or not more
   * records arrive: a shared daemon timer writes an aged page of an idle writer, so readers see
   * every record within about this time. The age is measured with {@link #withClock the clock}.
   */
  public WriterOptions withMaxPageAge(Duration age) {
    if (age != null && (age.isNegative() || age.isZero())) {
      throw new IllegalArgumentException("max page age must be positive");
    }
    return new WriterOptions(codec, level, pageSize, age, maxItemSize, description, host, application,
        contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  public WriterOptions withMaxItemSize(int bytes) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, bytes, description, host, application,
        contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  public WriterOptions withDescription(String text) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, Objects.requireNonNull(text), host,
        application, contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  /** The host recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
  public WriterOptions withHost(String name) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, Objects.requireNonNull(name),
        application, contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  /** The application id recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
  public WriterOptions withApplication(String app) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host,
        Objects.requireNonNull(app), contentType, properties, keyId, keys, syncOnFlush, clock);
  }

  public WriterOptions withContentType(String type) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        Objects.requireNonNull(type), properties, keyId, keys, syncOnFlush, clock);
  }

  public WriterOptions withProperties(Map<String, String> props) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, props, keyId, keys, syncOnFlush, clock);
  }

  /**
   * Seal every page of a new archive with AES-256-GCM under key {@code id} from {@code provider};
   * when appending, {@code provider} supplies the archive's own key and {@code id} is ignored.
   */
  public WriterOptions withEncryption(String id, KeyProvider provider) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, id, Objects.requireNonNull(provider), syncOnFlush, clock);
  }

  /** Keys for appending to an encrypted archive. */
  public WriterOptions withKeys(KeyProvider provider) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, keyId, provider, syncOnFlush, clock);
  }

  /** Force the file to disk after every page. */
  public WriterOptions withSyncOnFlush(boolean sync) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, keyId, keys, sync, clock);
  }

  /** The clock for page times and the age threshold (tests pass a fixed or stepped clock). */
  public WriterOptions withClock(Clock c) {
    return new WriterOptions(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application,
        contentType, properties, keyId, keys, syncOnFlush, c);
  }

  private static String localHost() {
    String h = localHost;
    if (h == null) {
      h = System.getenv("HOSTNAME");
      if (h == null || h.isBlank()) {
        try {
          h = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
          // The host name is informational only; an unresolvable host must not stop logging.
          h = "unknown";
        }
      }
      localHost = h;
    }
    return h;
  }
}
