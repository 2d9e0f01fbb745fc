package io.easystore.internal.codec;

import io.easystore.codec.CodecId;
import java.util.Objects;

/**
 * Factories for the shared {@link Codec} implementations. All returned codecs are immutable and
 * thread-safe.
 */
public final class Codecs {
  /** zstd's own default level: fast, and within a few percent of level 9 on log data. */
  public static final int DEFAULT_ZSTD_LEVEL = 3;
  /** {@link java.util.zip.Deflater#DEFAULT_COMPRESSION}'s effective level. */
  public static final int DEFAULT_DEFLATE_LEVEL = 6;

  private static final Codec NONE = new NoneCodec();

  private Codecs() {}

  /** The identity codec. */
  public static Codec none() {
    return NONE;
  }

  /** zlib-wrapped deflate at the default level. */
  public static Codec deflate() {
    return deflate(DEFAULT_DEFLATE_LEVEL);
  }

  /** zlib-wrapped deflate at {@code level} (0..9). */
  public static Codec deflate(int level) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + level);
    }
    return new DeflateCodec(level);
  }

  /** zstd at the default level. */
  public static Codec zstd() {
    return zstd(DEFAULT_ZSTD_LEVEL);
  }

  /** zstd at {@code level} (1..22; negative levels are zstd's fast modes, down to -7). */
  public static Codec zstd(int level) {
    return new ZstdCodec(checkZstdLevel(level), null);
  }

  /**
   * zstd against a dictionary (a trained dictionary from {@code ZstdDictTrainer} or raw content).
   * The array is copied.
   */
  public static Codec zstdWithDictionary(byte[] dictionary, int level) {
    Objects.requireNonNull(dictionary, "dictionary");
    if (dictionary.length == 0) {
      throw new IllegalArgumentException("empty zstd dictionary");
    }
    return new ZstdCodec(checkZstdLevel(level), dictionary.clone());
  }

  /**
   * The codec for {@code id} at its default level.
   *
   * @throws IllegalArgumentException for {@link CodecId#ZSTD_DICTIONARY}, which needs a dictionary
   */
  public static Codec of(CodecId id) {
    return of(id, id == CodecId.DEFLATE ? DEFAULT_DEFLATE_LEVEL : DEFAULT_ZSTD_LEVEL);
  }

  /** The codec for {@code id} at {@code level} (ignored for {@link CodecId#NONE}). */
  public static Codec of(CodecId id, int level) {
    switch (id) {
      case NONE:
        return NONE;
      case DEFLATE:
        return deflate(level);
      case ZSTD:
        return zstd(level);
      default:
        throw new IllegalArgumentException(id.label() + " needs a dictionary: use zstdWithDictionary");
    }
  }

  private static int checkZstdLevel(int level) {
    if (level < -7 || level > 22) {
      throw new IllegalArgumentException("zstd level must be -7..22, got " + level);
    }
    return level;
  }
}
