package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One-shot zstd frames for both zstd codecs, over pooled native contexts: creating a context
 * allocates hundreds of KiB natively and costs more than compressing or decompressing a small
 * body, so contexts are reused. A context is reset (parameters and dictionary cleared) before it
 * goes back to the pool, so no call sees another's settings. Thread-safe: a context is used by
 * one thread at a time; at most {@link #MAX_IDLE} of each kind are kept.
 */
final class ZstdFrames {
  private static final int MAX_IDLE = 32;
  private static final ConcurrentLinkedQueue<ZstdDecompressCtx> DECOMPRESSORS = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<ZstdCompressCtx> COMPRESSORS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger IDLE_DECOMPRESSORS = new AtomicInteger();
  private static final AtomicInteger IDLE_COMPRESSORS = new AtomicInteger();

  private ZstdFrames() {}

  /** Streams {@code src} through the codec's decompressing stream, bounded by {@code maxSize}. */
  interface Streaming {
    InputStream open(InputStream in, long maxSize, String container) throws IOException;
  }

  /** Compresses one frame with the content size recorded; {@code setup} sets level and dictionary. */
  static byte[] compress(byte[] src, int off, int len, Consumer<ZstdCompressCtx> setup) {
    ZstdCompressCtx ctx = COMPRESSORS.poll();
    if (ctx == null) {
      ctx = new ZstdCompressCtx();
    } else {
      IDLE_COMPRESSORS.decrementAndGet();
    }
    boolean reusable = false;
    try {
      setup.accept(ctx);
      ctx.setContentSize(true);
      byte[] out = new byte[(int) Zstd.compressBound(len)];
      int n = ctx.compressByteArray(out, 0, out.length, src, off, len);
      ctx.reset();
      reusable = true;
      return Arrays.copyOf(out, n);
    } finally {
      if (reusable && IDLE_COMPRESSORS.incrementAndGet() <= MAX_IDLE) {
        COMPRESSORS.offer(ctx);
      } else {
        if (reusable) {
          IDLE_COMPRESSORS.decrementAndGet();
        }
        ctx.close();
      }
    }
  }

  /**
   * Decompresses the frame(s) in {@code src[off, off + len)}, at most {@code maxSize} bytes.
   * {@code setup} loads the dictionary, if any; {@code streaming} handles frames without a
   * recorded size and concatenated frames.
   */
  static byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset,
      Consumer<ZstdDecompressCtx> setup, Streaming streaming) throws CorruptContainerException, LimitExceededException {
    if (off < 0 || len < 0 || off > src.length - len) {
      throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + src.length);
    }
    long declared = len < 4 ? -2 : Zstd.getFrameContentSize(src, off, len);
    if (declared == -1) {
      return decompressStreaming(src, off, len, maxSize, container, offset, streaming);
    }
    if (declared < 0) {
      throw new CorruptContainerException(container, offset, null, "not a zstd frame (" + len + " bytes)");
    }
    if (declared > maxSize) {
      throw new LimitExceededException(container, offset, null, "decompressed size", declared, maxSize,
          "the reader's maximum block size");
    }
    byte[] out = new byte[(int) declared];
    ZstdDecompressCtx ctx = DECOMPRESSORS.poll();
    if (ctx == null) {
      ctx = new ZstdDecompressCtx();
    } else {
      IDLE_DECOMPRESSORS.decrementAndGet();
    }
    boolean reusable = false;
    try {
      setup.accept(ctx);
      int n = ctx.decompressByteArray(out, 0, out.length, src, off, len);
      ctx.reset();
      reusable = true;
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ZstdException e) {
      if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
        // Several concatenated frames: the first frame's size says nothing about the total.
        return decompressStreaming(src, off, len, maxSize, container, offset, streaming);
      }
      throw corrupt(container, offset, e);
    } finally {
      if (reusable && IDLE_DECOMPRESSORS.incrementAndGet() <= MAX_IDLE) {
        DECOMPRESSORS.offer(ctx);
      } else {
        if (reusable) {
          IDLE_DECOMPRESSORS.decrementAndGet();
        }
        ctx.close();
      }
    }
  }

  private static byte[] decompressStreaming(byte[] src, int off, int len, int maxSize, String container, long offset,
      Streaming streaming) throws CorruptContainerException, LimitExceededException {
    try (InputStream in = streaming.open(new ByteArrayInputStream(src, off, len), maxSize, container)) {
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
    } catch (CorruptContainerException | LimitExceededException e) {
      throw e;
    } catch (IOException | ZstdException e) {
      throw corrupt(container, offset, e);
    }
  }

  static CorruptContainerException corrupt(String container, long offset, Exception e) {
    return new CorruptContainerException(container, offset, null, "bad zstd data: " + e.getMessage(), e);
  }
}
