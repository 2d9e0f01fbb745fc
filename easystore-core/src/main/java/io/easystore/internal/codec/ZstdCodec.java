package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * zstd through zstd-jni, optionally with a dictionary. One-shot calls borrow a pooled native
 * context ({@link ZstdFrames}); streams open their own. Thread-safe.
 */
final class ZstdCodec implements Codec {
  private final int level;
  private final byte[] dictionary;

  ZstdCodec(int level, byte[] dictionary) {
    this.level = level;
    this.dictionary = dictionary;
  }

  @Override
  public CodecId id() {
    return dictionary == null ? CodecId.ZSTD : CodecId.ZSTD_DICTIONARY;
  }

  @Override
  public byte[] compress(byte[] src, int off, int len) {
    return ZstdFrames.compress(src, off, len, ctx -> {
      ctx.setLevel(level);
      if (dictionary != null) {
        ctx.loadDict(dictionary);
      }
    });
  }

  @Override
  public byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException, LimitExceededException {
    return ZstdFrames.decompress(src, off, len, maxSize, container, offset, ctx -> {
      if (dictionary != null) {
        ctx.loadDict(dictionary);
      }
    }, this::decompressingStream);
  }

  @Override
  public OutputStream compressingStream(OutputStream out) throws IOException {
    ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, level);
    if (dictionary != null) {
      z.setDict(dictionary);
    }
    return z;
  }

  @Override
  public InputStream decompressingStream(InputStream in, long maxSize, String container) throws IOException {
    ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(in);
    if (dictionary != null) {
      z.setDict(dictionary);
    }
    return new LimitedInputStream(z, maxSize, container);
  }
}
