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
 * When appending to an existing archive, the archive's own codec, key id and metadata win; only
 * the page thresholds, limits, keys, host, application and clock apply.
 *
 * <p>Build one with {@link #builder()} (or change a copy with {@link #toBuilder()}); setters
 * reject bad values and {@link Builder#build()} settings that do not fit together (a key id
 * without a key provider), each with an {@link IllegalArgumentException} saying what to change,
 * so a writer never fails for a reason knowable up front. The {@code with} methods are
 * shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe; equal options compare equal.
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

  private WriterOptions(Builder b) {
    this.codec = b.codec;
    this.level = b.level;
    this.pageSize = b.pageSize;
    this.maxPageAge = b.maxPageAge;
    this.maxItemSize = b.maxItemSize;
    this.description = b.description;
    this.host = b.host != null ? b.host : localHost();
    this.application = b.application;
    this.contentType = b.contentType;
    this.properties = Map.copyOf(b.properties);
    this.keyId = b.keyId;
    this.keys = b.keys;
    this.syncOnFlush = b.syncOnFlush;
    this.clock = b.clock;
  }

  /** zstd level 3, 64 KiB pages, no age limit, 16 MiB records, no encryption, this host. */
  public static WriterOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.codec = codec;
    b.level = level;
    b.pageSize = pageSize;
    b.maxPageAge = maxPageAge;
    b.maxItemSize = maxItemSize;
    b.description = description;
    b.host = host;
    b.application = application;
    b.contentType = contentType;
    b.properties = properties;
    b.keyId = keyId;
    b.keys = keys;
    b.syncOnFlush = syncOnFlush;
    b.clock = clock;
    return b;
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
    return toBuilder().codec(c).build();
  }

  public WriterOptions withCodec(CodecId c, int lvl) {
    return toBuilder().codec(c, lvl).build();
  }

  /** Write a page once its entry stream reaches this many bytes. */
  public WriterOptions withPageSize(int bytes) {
    return toBuilder().pageSize(bytes).build();
  }

  /** See {@link Builder#maxPageAge(Duration)}. */
  public WriterOptions withMaxPageAge(Duration age) {
    return toBuilder().maxPageAge(age).build();
  }

  public WriterOptions withMaxItemSize(int bytes) {
    return toBuilder().maxItemSize(bytes).build();
  }

  public WriterOptions withDescription(String text) {
    return toBuilder().description(text).build();
  }

  /** The host recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
  public WriterOptions withHost(String name) {
    return toBuilder().host(name).build();
  }

  /** The application id recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
  public WriterOptions withApplication(String app) {
    return toBuilder().application(app).build();
  }

  public WriterOptions withContentType(String type) {
    return toBuilder().contentType(type).build();
  }

  public WriterOptions withProperties(Map<String, String> props) {
    return toBuilder().properties(props).build();
  }

  /** See {@link Builder#encryption(String, KeyProvider)}. */
  public WriterOptions withEncryption(String id, KeyProvider provider) {
    return toBuilder().encryption(id, provider).build();
  }

  /** Keys for appending to an encrypted archive. */
  public WriterOptions withKeys(KeyProvider provider) {
    return toBuilder().keys(provider).build();
  }

  /** Force the file to disk after every page. */
  public WriterOptions withSyncOnFlush(boolean sync) {
    return toBuilder().syncOnFlush(sync).build();
  }

  /** The clock for page times and the age threshold (tests pass a fixed or stepped clock). */
  public WriterOptions withClock(Clock c) {
    return toBuilder().clock(c).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriterOptions w && codec == w.codec && level == w.level && pageSize == w.pageSize
        && Objects.equals(maxPageAge, w.maxPageAge) && maxItemSize == w.maxItemSize
        && description.equals(w.description) && host.equals(w.host) && application.equals(w.application)
        && contentType.equals(w.contentType) && properties.equals(w.properties) && Objects.equals(keyId, w.keyId)
        && Objects.equals(keys, w.keys) && syncOnFlush == w.syncOnFlush && clock.equals(w.clock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(codec, level, pageSize, maxPageAge, maxItemSize, description, host, application, contentType,
        properties, keyId, keys, syncOnFlush, clock);
  }

  @Override
  public String toString() {
    return "WriterOptions[codec=" + codec + ", level=" + level + ", pageSize=" + pageSize + ", maxPageAge="
        + maxPageAge + ", maxItemSize=" + maxItemSize + ", description=" + description + ", host=" + host
        + ", application=" + application + ", contentType=" + contentType + ", properties=" + properties
        + ", keyId=" + keyId + ", syncOnFlush=" + syncOnFlush + ", clock=" + clock + "]";
  }

  /** Collects settings for a {@link WriterOptions}. Not thread-safe; the options it builds are. */
  public static final class Builder {
    private CodecId codec = CodecId.ZSTD;
    private int level = Codecs.DEFAULT_ZSTD_LEVEL;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration maxPageAge;
    private int maxItemSize = ReaderOptions.DEFAULT_MAX_ITEM_SIZE;
    private String description = "";
    private String host; // null: this machine's name, looked up once at build()
    private String application = "";
    private String contentType = "bytes";
    private Map<String, String> properties = Map.of();
    private String keyId;
    private KeyProvider keys;
    private boolean syncOnFlush;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /** Page compression for a new archive (none, deflate or zstd) at the codec's default level. */
    public Builder codec(CodecId c) {
      return codec(c, c == CodecId.DEFLATE ? Codecs.DEFAULT_DEFLATE_LEVEL : Codecs.DEFAULT_ZSTD_LEVEL);
    }

    /** Page compression for a new archive at level {@code lvl}. */
    public Builder codec(CodecId c, int lvl) {
      if (c == CodecId.ZSTD_DICTIONARY) {
        throw new IllegalArgumentException("record archives compress pages with none, deflate or zstd");
      }
      Codecs.of(c, lvl);
      codec = c;
      level = lvl;
      return this;
    }

    /** Write a page once its entry stream reaches this many bytes (64 B .. 16 MiB). */
    public Builder pageSize(int bytes) {
      if (bytes < 64 || bytes > ReaderOptions.DEFAULT_MAX_PAGE_SIZE / 2) {
        throw new IllegalArgumentException("page size must be 64 .. " + ReaderOptions.DEFAULT_MAX_PAGE_SIZE / 2
            + " bytes, got " + bytes);
      }
      pageSize = bytes;
      return this;
    }

    /**
     * Write a page once its oldest record is this old ({@code null}: no limit), whether or not more
     * records arrive: a shared daemon timer writes an aged page of an idle writer, so readers see
     * every record within about this time. The age is measured with {@link #clock the clock}.
     */
    public Builder maxPageAge(Duration age) {
      if (age != null && (age.isNegative() || age.isZero())) {
        throw new IllegalArgumentException("max page age must be positive");
      }
      maxPageAge = age;
      return this;
    }

    /** Largest record accepted, 1 .. 16 MiB. */
    public Builder maxItemSize(int bytes) {
      if (bytes < 1 || bytes > ReaderOptions.DEFAULT_MAX_ITEM_SIZE) {
        throw new IllegalArgumentException("max item size must be 1 .. 16 MiB, got " + bytes);
      }
      maxItemSize = bytes;
      return this;
    }

    public Builder description(String text) {
      description = Objects.requireNonNull(text);
      return this;
    }

    /** The host recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
    public Builder host(String name) {
      host = Objects.requireNonNull(name);
      return this;
    }

    /** The application id recorded in metadata and page headers (cut to 64 UTF-8 bytes in headers). */
    public Builder application(String app) {
      application = Objects.requireNonNull(app);
      return this;
    }

    public Builder contentType(String type) {
      contentType = Objects.requireNonNull(type);
      return this;
    }

    public Builder properties(Map<String, String> props) {
      properties = Map.copyOf(props);
      return this;
    }

    /**
     * Seal every page of a new archive with AES-256-GCM under key {@code id} from {@code provider};
     * when appending, {@code provider} supplies the archive's own key and {@code id} is ignored.
     * A null {@code id} turns encryption of new archives off.
     */
    public Builder encryption(String id, KeyProvider provider) {
      if (id != null) {
        KeyProviders.checkKeyId(id);
      }
      keyId = id;
      keys = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Keys for appending to an encrypted archive; null for none. */
    public Builder keys(KeyProvider provider) {
      keys = provider;
      return this;
    }

    /** Force the file to disk after every page. */
    public Builder syncOnFlush(boolean sync) {
      syncOnFlush = sync;
      return this;
    }

    /** The clock for page times and the age threshold. */
    public Builder clock(Clock c) {
      clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if a key id is set without a key provider
     */
    public WriterOptions build() {
      if (keyId != null && keys == null) {
        throw new IllegalArgumentException("encryption needs a key provider: key id '" + keyId + "' is set but"
            + " keys are not; pass the provider with encryption(id, provider), or keys(provider)");
      }
      return new WriterOptions(this);
    }
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
