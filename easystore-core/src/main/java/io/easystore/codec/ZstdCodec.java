package io.easystore.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * zstd through zstd-jni, optionally with a dictionary. Each call opens its own native context
 * (contexts are not thread-safe), which costs microseconds: fine for blocks of kilobytes and up.
 */
final class ZstdCodec implements Codec {
  /** zstd-jni's "content size unknown" and "not a zstd frame" sentinels. */
  private static final long CONTENT_SIZE_UNKNOWN = -1;

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
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setLevel(level);
      ctx.setContentSize(true);
      if (dictionary != null) {
        ctx.loadDict(dictionary);
      }
      byte[] out = new byte[(int) Zstd.compressBound(len)];
      int n = ctx.compressByteArray(out, 0, out.length, src, off, len);
      return Arrays.copyOf(out, n);
    }
  }

  @Override
  public byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException {
    if (off < 0 || len < 0 || off > src.length - len) {
      throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + src.length);
    }
    long declared = len < 4 ? -2 : Zstd.getFrameContentSize(src, off, len);
    if (declared == CONTENT_SIZE_UNKNOWN) {
      return decompressStreaming(src, off, len, maxSize, container, offset);
    }
    if (declared < 0) {
      throw new CorruptContainerException(container, offset, null, "not a zstd frame ("
          + len + " bytes)");
    }
    if (declared > maxSize) {
      throw new LimitExceededException(container, offset, null, "decompressed size", declared,
          maxSize, "the reader's maximum block size");
    }
    byte[] out = new byte[(int) declared];
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      if (dictionary != null) {
        ctx.loadDict(dictionary);
      }
      int n = ctx.decompressByteArray(out, 0, out.length, src, off, len);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ZstdException e) {
      if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
        // Several concatenated frames: the first frame's size says nothing about the total.
        return decompressStreaming(src, off, len, maxSize, container, offset);
      }
      throw corrupt(container, offset, e);
    }
  }

  private byte[] decompressStreaming(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException {
    try (InputStream in = decompressingStream(new ByteArrayInputStream(src, off, len), maxSize, container)) {
      byte[] out = new byte[Math.min(maxSize, Math.max(256, 4 * len))];
      int pos = 0;
      while (true) {
        if (pos == out.length) {
          if (out.length >= maxSize) {
            if (in.read() < 0) {
              break;
            }
            throw new LimitExceededException(container, offset, null, "decompressed size",
                (long) maxSize + 1, maxSize, "the reader's maximum block size");
          }
          out = Arrays.copyOf(out, (int) Math.min(maxSize, 2L * out.length));
        }
        int n = in.read(out, pos, out.length - pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
      return Arrays.copyOf(out, pos);
    } catch (CorruptContainerException e) {
      throw e;
    } catch (IOException | ZstdException e) {
      throw corrupt(container, offset, e);
    }
  }

  private static CorruptContainerException corrupt(String container, long offset, Exception e) {
    return new CorruptContainerException(container, offset, null, "bad zstd data: " + e.getMessage(), e);
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
