package io.easystore;

import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codecs;
import io.easystore.crypto.Encryption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DesWriter} lays out a container: format, compression, dictionaries, checksum,
 * sort memory, encryption and external bodies.
 *
 * <p>Build one with {@link #builder()} (or change a copy with {@link #toBuilder()}). Setters
 * reject values out of range; {@link Builder#build()} rejects settings the chosen format cannot
 * hold or that contradict each other, with an {@link IllegalArgumentException} naming both
 * settings, so a writer never fails later for a reason knowable up front. The {@code with...}
 * methods are shorthands for a {@code toBuilder()} round trip.
 *
 * <p>Immutable and thread-safe; equal options compare equal.
 */
public final class WriterOptions {

  /** {@link #externalThreshold} that keeps every body inside the container. */
  public static final long NO_EXTERNAL = Long.MAX_VALUE;
  /** The threshold of the original DES for sibling objects: 100 MiB. */
  public static final long DES_EXTERNAL_THRESHOLD = 100L << 20;

  /** Default dictionary size: small enough to travel with the index in the 64 KiB tail. */
  public static final int DEFAULT_DICTIONARY_BYTES = 32 << 10;
  /** Default sort memory: 64 MiB, about half a million entries before the first run spills. */
  public static final long DEFAULT_SORT_MEMORY_BYTES = 64L << 20;

  private static final WriterOptions DEFAULTS = new Builder().build();

  private final int formatVersion;
  private final CodecId codec;
  private final int level;
  private final boolean trainDictionaries;
  private final int dictionaryBytes;
  private final long sortMemoryBytes;
  private final ChecksumKind checksum;
  private final Path tempDir;
  private final Encryption encryption;
  private final long externalThreshold;

  private WriterOptions(Builder b, CodecId codec, int level, boolean trainDictionaries) {
    this.formatVersion = b.formatVersion;
    this.codec = codec;
    this.level = level;
    this.trainDictionaries = trainDictionaries;
    this.dictionaryBytes = b.dictionaryBytes;
    this.sortMemoryBytes = b.sortMemoryBytes;
    this.checksum = b.checksum;
    this.tempDir = b.tempDir;
    this.encryption = b.encryption;
    this.externalThreshold = b.externalThreshold;
  }

  /** DES v2, zstd at level 3 without dictionaries, CRC-32C, 64 MiB of sort memory. */
  public static WriterOptions defaults() {
    return DEFAULTS;
  }

  /** The reference v1 layout. */
  public static WriterOptions v1() {
    return builder().formatVersion(1).build();
  }

  /** A builder starting from {@link #defaults()}; for v1, the codec defaults to none. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings. Settings carried over this way give way to a setting made
   * on the builder that they cannot go with (a new codec brings its default level, unless a
   * level is set too; format 1 drops compression and dictionaries); two settings made on the
   * builder that contradict each other fail {@link Builder#build()}.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.formatVersion = formatVersion;
    b.carriedCodec = codec;
    b.carriedLevel = level;
    b.carriedDictionaries = trainDictionaries;
    b.dictionaryBytes = dictionaryBytes;
    b.sortMemoryBytes = sortMemoryBytes;
    b.checksum = checksum;
    b.tempDir = tempDir;
    b.encryption = encryption;
    b.externalThreshold = externalThreshold;
    return b;
  }

  /** 1 (the reference layout, no compression, no directories) or 2 (native). */
  public int formatVersion() {
    return formatVersion;
  }

  /** Per-entry compression: none, deflate or zstd (never zstd-dict: see {@link #trainDictionaries()}). */
  public CodecId codec() {
    return codec;
  }

  /** Compression level: 0..9 for deflate, -7..22 for zstd; 0 for none. */
  public int level() {
    return level;
  }

  /** Whether zstd dictionaries are trained from samples of the entries (grouped by extension). */
  public boolean trainDictionaries() {
    return trainDictionaries;
  }

  /** Target size of each trained dictionary (1 KiB .. 1 MiB). */
  public int dictionaryBytes() {
    return dictionaryBytes;
  }

  /** Memory for index entries before the writer sorts them in runs on disk (at least 1 KiB). */
  public long sortMemoryBytes() {
    return sortMemoryBytes;
  }

  /** Checksum of each entry's original bytes (v2). */
  public ChecksumKind checksum() {
    return checksum;
  }

  /** Where sort runs and spooled metadata go; null for {@code java.io.tmpdir}. */
  public Path tempDir() {
    return tempDir;
  }

  /** How v2 bodies (and optionally the index) are encrypted; null writes plaintext. */
  public Encryption encryption() {
    return encryption;
  }

  /**
   * Bodies longer than this many bytes are stored as sibling objects flagged external (only
   * where the sink can create siblings); {@link #NO_EXTERNAL} keeps every body inside.
   */
  public long externalThreshold() {
    return externalThreshold;
  }

  /** Switches the format; version 1 also turns compression off, which v1 cannot express. */
  public WriterOptions withFormatVersion(int v) {
    return toBuilder().formatVersion(v).build();
  }

  /** Switches the codec at its default level; {@link CodecId#ZSTD_DICTIONARY} also turns dictionaries on. */
  public WriterOptions withCodec(CodecId c) {
    return toBuilder().codec(c).level(defaultLevel(c)).build();
  }

  public WriterOptions withLevel(int v) {
    return toBuilder().level(v).build();
  }

  /** Turns dictionary training on (switching to zstd if another codec was chosen) or off. */
  public WriterOptions withDictionaries(boolean on) {
    return toBuilder().dictionaries(on).build();
  }

  public WriterOptions withDictionaryBytes(int v) {
    return toBuilder().dictionaryBytes(v).build();
  }

  public WriterOptions withSortMemoryBytes(long v) {
    return toBuilder().sortMemoryBytes(v).build();
  }

  public WriterOptions withChecksum(ChecksumKind v) {
    return toBuilder().checksum(v).build();
  }

  /** Encrypts bodies (and the index, if {@code e.protectIndex()}); null turns encryption off. */
  public WriterOptions withEncryption(Encryption e) {
    return toBuilder().encryption(e).build();
  }

  /** Stores bodies longer than {@code bytes} as sibling objects; {@link #NO_EXTERNAL} turns it off. */
  public WriterOptions withExternalThreshold(long bytes) {
    return toBuilder().externalThreshold(bytes).build();
  }

  public WriterOptions withTempDir(Path v) {
    return toBuilder().tempDir(v).build();
  }

  private static int defaultLevel(CodecId c) {
    return c == CodecId.NONE ? 0 : c == CodecId.DEFLATE ? Codecs.DEFAULT_DEFLATE_LEVEL : Codecs.DEFAULT_ZSTD_LEVEL;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriterOptions w && formatVersion == w.formatVersion && codec == w.codec && level == w.level
        && trainDictionaries == w.trainDictionaries && dictionaryBytes == w.dictionaryBytes
        && sortMemoryBytes == w.sortMemoryBytes && checksum == w.checksum && Objects.equals(tempDir, w.tempDir)
        && Objects.equals(encryption, w.encryption) && externalThreshold == w.externalThreshold;
  }

  @Override
  public int hashCode() {
    return Objects.hash(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  @Override
  public String toString() {
    return "WriterOptions[formatVersion=" + formatVersion + ", codec=" + codec + ", level=" + level
        + ", trainDictionaries=" + trainDictionaries + ", dictionaryBytes=" + dictionaryBytes + ", sortMemoryBytes="
        + sortMemoryBytes + ", checksum=" + checksum + ", tempDir=" + tempDir + ", encryption=" + encryption
        + ", externalThreshold=" + externalThreshold + "]";
  }

  /**
   * Collects settings for a {@link WriterOptions}. Setters reject values out of range, and
   * {@link #build()} settings that do not fit together, each with an
   * {@link IllegalArgumentException} saying what to change. Not thread-safe; the options it
   * builds are.
   */
  public static final class Builder {
    private int formatVersion = 2;
    // Set on this builder (null: not set): these win over the carried values below.
    private CodecId codec;
    private Integer level;
    private Boolean dictionaries;
    // Carried over by toBuilder(), or the defaults.
    private CodecId carriedCodec = CodecId.ZSTD;
    private int carriedLevel = Codecs.DEFAULT_ZSTD_LEVEL;
    private boolean carriedDictionaries;
    private int dictionaryBytes = DEFAULT_DICTIONARY_BYTES;
    private long sortMemoryBytes = DEFAULT_SORT_MEMORY_BYTES;
    private ChecksumKind checksum = ChecksumKind.CRC32C;
    private Path tempDir;
    private Encryption encryption;
    private long externalThreshold = NO_EXTERNAL;

    private Builder() {
    }

    /** 1 (the reference layout: no compression, dictionaries or encryption) or 2 (the default). */
    public Builder formatVersion(int v) {
      if (v != 1 && v != 2) {
        throw new IllegalArgumentException("format version must be 1 or 2, got " + v);
      }
      formatVersion = v;
      return this;
    }

    /**
     * Per-entry compression for v2; {@link CodecId#ZSTD_DICTIONARY} means zstd with dictionaries.
     * Unless {@link #level(int)} is set too, a codec other than the current one brings its
     * default level.
     */
    public Builder codec(CodecId c) {
      codec = Objects.requireNonNull(c, "codec");
      return this;
    }

    /** Compression level: 0..9 for deflate, -7..22 for zstd; only 0 for none. */
    public Builder level(int v) {
      level = v;
      return this;
    }

    /** Train zstd dictionaries (needs zstd; switches a carried-over codec to zstd) or not. */
    public Builder dictionaries(boolean on) {
      dictionaries = on;
      return this;
    }

    /** Target size of each trained dictionary, 1 KiB .. 1 MiB. */
    public Builder dictionaryBytes(int v) {
      if (v < 1024 || v > (1 << 20)) {
        throw new IllegalArgumentException("dictionaryBytes must be 1 KiB .. 1 MiB, got " + v);
      }
      dictionaryBytes = v;
      return this;
    }

    /** Memory for index entries before they are sorted in runs on disk; at least 1 KiB. */
    public Builder sortMemoryBytes(long v) {
      if (v < 1024) {
        throw new IllegalArgumentException("sortMemoryBytes must be at least 1024, got " + v);
      }
      sortMemoryBytes = v;
      return this;
    }

    public Builder checksum(ChecksumKind v) {
      checksum = Objects.requireNonNull(v, "checksum");
      return this;
    }

    /** Where sort runs and spooled metadata go; null for {@code java.io.tmpdir}. */
    public Builder tempDir(Path v) {
      tempDir = v;
      return this;
    }

    /** Encryption of a v2 container; null writes plaintext. */
    public Builder encryption(Encryption e) {
      encryption = e;
      return this;
    }

    /** Bodies longer than this are stored as sibling objects; {@link #NO_EXTERNAL} for none. */
    public Builder externalThreshold(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("externalThreshold must not be negative, got " + bytes);
      }
      externalThreshold = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if format 1 is combined with a codec, dictionaries or
     *     encryption, dictionaries with a codec other than zstd, or a level with a codec that has
     *     no such level
     */
    public WriterOptions build() {
      boolean v1 = formatVersion == 1;
      boolean dictCodec = codec == CodecId.ZSTD_DICTIONARY;
      if (dictCodec && Boolean.FALSE.equals(dictionaries)) {
        throw new IllegalArgumentException("codec zstd-dict trains dictionaries, but dictionaries(false) is set;"
            + " use codec zstd, or leave dictionaries(false) out");
      }
      // Carried-over dictionaries give way to format 1 and to a codec set here other than zstd.
      boolean dicts = dictCodec || (dictionaries != null ? dictionaries
          : carriedDictionaries && !v1 && (codec == null || codec == CodecId.ZSTD));
      CodecId c = dictCodec ? CodecId.ZSTD : codec != null ? codec
          : dicts ? CodecId.ZSTD : v1 ? CodecId.NONE : carriedCodec;
      if (v1 && (c != CodecId.NONE || dicts)) {
        String what = dicts ? "dictionaries" : "codec " + c.label();
        throw new IllegalArgumentException("DES v1 stores bodies uncompressed; use format 2 for codec " + c.label()
            + (dicts ? " with dictionaries" : "") + " (formatVersion 1 conflicts with " + what + ": set"
            + " formatVersion(2), or leave " + what + " out)");
      }
      if (v1 && encryption != null) {
        throw new IllegalArgumentException("DES v1 cannot be encrypted; use format 2 (formatVersion 1 conflicts"
            + " with encryption: set formatVersion(2) or encryption(null))");
      }
      if (dicts && c != CodecId.ZSTD) {
        throw new IllegalArgumentException("dictionaries need the zstd codec, not " + c.label()
            + " (dictionaries(true) conflicts with codec " + c.label() + ": use codec zstd, or leave dictionaries"
            + " out)");
      }
      int lvl = level != null ? level : c == carriedCodec ? carriedLevel : defaultLevel(c);
      checkLevel(c, lvl, level != null);
      return new WriterOptions(this, c, c == CodecId.NONE ? 0 : lvl, dicts);
    }

    private static void checkLevel(CodecId c, int lvl, boolean set) {
      if (c == CodecId.DEFLATE && (lvl < 0 || lvl > 9)) {
        throw new IllegalArgumentException("deflate level must be 0..9, got " + lvl);
      }
      if (c == CodecId.ZSTD && (lvl < -7 || lvl > 22)) {
        throw new IllegalArgumentException("zstd level must be -7..22, got " + lvl);
      }
      if (c == CodecId.NONE && set && lvl != 0) {
        throw new IllegalArgumentException("level " + lvl + " needs a codec (deflate or zstd), not none: set"
            + " codec(DEFLATE) or codec(ZSTD), or leave the level out");
      }
    }
  }
}
