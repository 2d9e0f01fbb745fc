package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * zstd against a dictionary digested once. zstd's digested dictionaries are read-only and may be
 * shared by any number of contexts, so this codec is thread-safe; one-shot calls borrow pooled
 * contexts ({@link ZstdFrames}). The digested forms are created lazily (a reader that never decompresses with a
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
    return ZstdFrames.compress(src, off, len, ctx -> {
      ctx.loadDict(cdict());
      ctx.setLevel(level);
    });
  }

  @Override
  public byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException, LimitExceededException {
    return ZstdFrames.decompress(src, off, len, maxSize, container, offset, ctx -> ctx.loadDict(ddict()),
        this::decompressingStream);
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
