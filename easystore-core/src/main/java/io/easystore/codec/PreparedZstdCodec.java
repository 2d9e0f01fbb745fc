package io.easystore.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
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
 * zstd against a dictionary digested once. zstd's digested dictionaries are read-only and may be
 * shared by any number of contexts, so this codec is thread-safe; each call still opens its own
 * context. The digested forms are created lazily (a reader that never decompresses with a
 * dictionary never pays for it) and released with the codec by the garbage collector.
 */
final class PreparedZstdCodec implements Codec {
  private final byte[] dictionary;
  private final int level;
  private volatile ZstdDictCompress compressDict;
  private volatile ZstdDictDecompress decompressDict;

  PreparedZstdCodec(byte[] dictionary, int level) {
    this.dictionary = dictionary;
    this.level = level;
  }

  @Override
  public CodecId id() {
    return CodecId.ZSTD_DICTIONARY;
  }

  private ZstdDictCompress cdict() {
    ZstdDictCompress d = compressDict;
    if (d == null) {
      synchronized (this) {
        d = compressDict;
        if (d == null) {
          d = new ZstdDictCompress(dictionary, level);
          compressDict = d;
        }
      }
    }
    return d;
  }

  private ZstdDictDecompress ddict() {
    ZstdDictDecompress d = decompressDict;
    if (d == null) {
      synchronized (this) {
        d = decompressDict;
        if (d == null) {
          d = new ZstdDictDecompress(dictionary);
          decompressDict = d;
        }
      }
    }
    return d;
  }

  @Override
  public byte[] compress(byte[] src, int off, int len) {
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.loadDict(cdict());
      ctx.setLevel(level);
      ctx.setContentSize(true);
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
    if (declared == -1) {
      return decompressStreaming(src, off, len, maxSize, container, offset);
    }
    if (declared < 0) {
      throw new CorruptContainerException(container, offset, null, "not a zstd frame (" + len + " bytes)");
    }
    if (declared > maxSize) {
      throw new LimitExceededException(container, offset, null, "decompressed size", declared, maxSize,
          "the reader's maximum block size");
    }
    byte[] out = new byte[(int) declared];
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      ctx.loadDict(ddict());
      int n = ctx.decompressByteArray(out, 0, out.length, src, off, len);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ZstdException e) {
      if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
        return decompressStreaming(src, off, len, maxSize, container, offset);
      }
      throw new CorruptContainerException(container, offset, null, "bad zstd data: " + e.getMessage(), e);
    }
  }

  private byte[] decompressStreaming(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException {
    try (InputStream in = decompressingStream(new ByteArrayInputStream(src, off, len), maxSize, container)) {
      byte[] all = in.readNBytes(maxSize);
      if (in.read() >= 0) {
        throw new LimitExceededException(container, offset, null, "decompressed size", (long) maxSize + 1,
            maxSize, "the reader's maximum block size");
      }
      return all;
    } catch (CorruptContainerException e) {
      throw e;
    } catch (IOException | ZstdException e) {
      throw new CorruptContainerException(container, offset, null, "bad zstd data: " + e.getMessage(), e);
    }
  }

  @Override
  public OutputStream compressingStream(OutputStream out) throws IOException {
    ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, level);
    z.setDict(cdict());
    return z;
  }

  @Override
  public InputStream decompressingStream(InputStream in, long maxSize, String container) throws IOException {
    ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(in);
    z.setDict(ddict());
    return new LimitedInputStream(z, maxSize, container);
  }
}
