package io.easystore;

import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codecs;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DesWriter} lays out a container. Immutable; the {@code with...} methods return
 * modified copies and every constructor validates its arguments.
 *
 * @param formatVersion 1 (the reference layout, no compression, no directories) or 2 (native)
 * @param codec per-entry compression for v2: {@link CodecId#NONE}, {@link CodecId#DEFLATE} or
 *     {@link CodecId#ZSTD}; passing {@link CodecId#ZSTD_DICTIONARY} means zstd with
 *     {@code trainDictionaries} on. An entry that does not shrink is stored raw.
 * @param level compression level: 0..9 for deflate, -7..22 for zstd; ignored for none
 * @param trainDictionaries whether to train zstd dictionaries from samples of the entries
 *     (grouped by file extension) and store them once in the container; requires zstd
 * @param dictionaryBytes target size of each trained dictionary (1 KiB .. 1 MiB)
 * @param sortMemoryBytes memory the writer may use for index entries before it sorts them in runs
 *     on disk and merges them at close (at least 1 KiB)
 * @param checksum checksum of each entry's original bytes (v2)
 * @param tempDir where sort runs and spooled metadata go; null for {@code java.io.tmpdir}
 * @param encryption how v2 bodies (and optionally the index) are encrypted; null writes plaintext
 * @param externalThreshold bodies longer than this many bytes are stored as sibling objects
 *     flagged external (v2 only, and only where the sink can create siblings);
 *     {@link #NO_EXTERNAL} keeps every body inside the container
 */
public record WriterOptions(
    int formatVersion, CodecId codec, int level, boolean trainDictionaries, int dictionaryBytes,
    long sortMemoryBytes, ChecksumKind checksum, Path tempDir, io.easystore.crypto.Encryption encryption,
    long externalThreshold) {

  /** {@link #externalThreshold} that keeps every body inside the container. */
  public static final long NO_EXTERNAL = Long.MAX_VALUE;
  /** The threshold of the original DES for sibling objects: 100 MiB. */
  public static final long DES_EXTERNAL_THRESHOLD = 100L << 20;

  /** Default dictionary size: small enough to travel with the index in the 64 KiB tail. */
  public static final int DEFAULT_DICTIONARY_BYTES = 32 << 10;
  /** Default sort memory: 64 MiB, about half a million entries before the first run spills. */
  public static final long DEFAULT_SORT_MEMORY_BYTES = 64L << 20;

  public WriterOptions {
    if (formatVersion != 1 && formatVersion != 2) {
      throw new IllegalArgumentException("format version must be 1 or 2, got " + formatVersion);
    }
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(checksum, "checksum");
    if (codec == CodecId.ZSTD_DICTIONARY) {
      codec = CodecId.ZSTD;
      trainDictionaries = true;
    }
    if (formatVersion == 1 && (codec != CodecId.NONE || trainDictionaries)) {
      throw new IllegalArgumentException("DES v1 stores bodies uncompressed; use format 2 for codec "
          + codec.label() + (trainDictionaries ? " with dictionaries" : ""));
    }
    if (codec == CodecId.DEFLATE && (level < 0 || level > 9)) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + level);
    }
    if (codec == CodecId.ZSTD && (level < -7 || level > 22)) {
      throw new IllegalArgumentException("zstd level must be -7..22, got " + level);
    }
    if (trainDictionaries && codec != CodecId.ZSTD) {
      throw new IllegalArgumentException("dictionaries need the zstd codec, not " + codec.label());
    }
    if (dictionaryBytes < 1024 || dictionaryBytes > (1 << 20)) {
      throw new IllegalArgumentException("dictionaryBytes must be 1 KiB .. 1 MiB, got " + dictionaryBytes);
    }
    if (sortMemoryBytes < 1024) {
      throw new IllegalArgumentException("sortMemoryBytes must be at least 1024, got " + sortMemoryBytes);
    }
    if (formatVersion == 1 && encryption != null) {
      throw new IllegalArgumentException("DES v1 cannot be encrypted; use format 2");
    }
    if (externalThreshold < 0) {
      throw new IllegalArgumentException("externalThreshold must not be negative, got " + externalThreshold);
    }
  }

  /** Options without encryption or external bodies (the form before both existed). */
  public WriterOptions(int formatVersion, CodecId codec, int level, boolean trainDictionaries, int dictionaryBytes,
      long sortMemoryBytes, ChecksumKind checksum, Path tempDir) {
    this(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum, tempDir, null,
        NO_EXTERNAL);
  }

  /** DES v2, zstd at level 3 without dictionaries, CRC-32C, 64 MiB of sort memory. */
  public static WriterOptions defaults() {
    return new WriterOptions(2, CodecId.ZSTD, Codecs.DEFAULT_ZSTD_LEVEL, false, DEFAULT_DICTIONARY_BYTES,
        DEFAULT_SORT_MEMORY_BYTES, ChecksumKind.CRC32C, null);
  }

  /** The reference v1 layout. */
  public static WriterOptions v1() {
    return defaults().withFormatVersion(1);
  }

  /** Switches the format; version 1 also turns compression off, which v1 cannot express. */
  public WriterOptions withFormatVersion(int v) {
    if (v == 1) {
      return new WriterOptions(1, CodecId.NONE, 0, false, dictionaryBytes, sortMemoryBytes, checksum, tempDir, null,
          externalThreshold);
    }
    return new WriterOptions(v, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  /** Switches the codec at its default level; {@link CodecId#ZSTD_DICTIONARY} also turns dictionaries on. */
  public WriterOptions withCodec(CodecId c) {
    int lvl = c == CodecId.DEFLATE ? Codecs.DEFAULT_DEFLATE_LEVEL : c == CodecId.NONE ? 0 : Codecs.DEFAULT_ZSTD_LEVEL;
    boolean dicts = c == CodecId.ZSTD_DICTIONARY || (c == CodecId.ZSTD && trainDictionaries);
    return new WriterOptions(formatVersion, c, lvl, dicts, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  public WriterOptions withLevel(int v) {
    return new WriterOptions(formatVersion, codec, v, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  /** Turns dictionary training on (switching to zstd if another codec was chosen) or off. */
  public WriterOptions withDictionaries(boolean on) {
    if (on && codec != CodecId.ZSTD) {
      return withCodec(CodecId.ZSTD_DICTIONARY);
    }
    return new WriterOptions(formatVersion, codec, level, on, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  public WriterOptions withDictionaryBytes(int v) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, v, sortMemoryBytes, checksum,
        tempDir, encryption, externalThreshold);
  }

  public WriterOptions withSortMemoryBytes(long v) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, dictionaryBytes, v, checksum,
        tempDir, encryption, externalThreshold);
  }

  public WriterOptions withChecksum(ChecksumKind v) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, v,
        tempDir, encryption, externalThreshold);
  }

  /** Encrypts bodies (and the index, if {@code e.protectIndex()}); null turns encryption off. */
  public WriterOptions withEncryption(io.easystore.crypto.Encryption e) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, e, externalThreshold);
  }

  /** Stores bodies longer than {@code bytes} as sibling objects; {@link #NO_EXTERNAL} turns it off. */
  public WriterOptions withExternalThreshold(long bytes) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        tempDir, encryption, bytes);
  }

  public WriterOptions withTempDir(Path v) {
    return new WriterOptions(formatVersion, codec, level, trainDictionaries, dictionaryBytes, sortMemoryBytes, checksum,
        v, encryption, externalThreshold);
  }
}
