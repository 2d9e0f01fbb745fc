package io.easystore.internal.codec;

import io.easystore.codec.CodecId;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.util.List;
import java.util.Optional;

/**
 * Trains zstd dictionaries from samples and builds codecs that use a dictionary prepared once
 * (digested into zstd's internal tables when the codec is created, not on every call, which
 * matters when a dictionary serves thousands of small entries). Stateless and thread-safe.
 */
public final class ZstdDictionaries {
  private ZstdDictionaries() {}

  /**
   * Trains a dictionary of at most {@code size} bytes from {@code samples}; empty when zstd finds
   * the samples too few or too small to train on.
   */
  public static Optional<byte[]> train(List<byte[]> samples, int size) {
    long total = 0;
    for (byte[] s : samples) {
      total += s.length;
    }
    if (samples.size() < 8 || total < 2L * size || total > Integer.MAX_VALUE - 16) {
      return Optional.empty();
    }
    ZstdDictTrainer trainer = new ZstdDictTrainer((int) total, size);
    for (byte[] s : samples) {
      trainer.addSample(s);
    }
    try {
      byte[] dict = trainer.trainSamples();
      return dict.length == 0 ? Optional.empty() : Optional.of(dict);
    } catch (ZstdException e) {
      // ZDICT refuses sample sets it cannot learn from ("src size is incorrect" and similar).
      return Optional.empty();
    }
  }

  /**
   * A zstd codec (id {@link CodecId#ZSTD_DICTIONARY}) against {@code dictionary}, digested once
   * for compression at {@code level} and for decompression. The array is copied.
   */
  public static Codec prepared(byte[] dictionary, int level) {
    if (dictionary.length == 0) {
      throw new IllegalArgumentException("empty zstd dictionary");
    }
    if (level < -7 || level > 22) {
      throw new IllegalArgumentException("zstd level must be -7..22, got " + level);
    }
    return new PreparedZstdCodec(dictionary.clone(), level);
  }
}
