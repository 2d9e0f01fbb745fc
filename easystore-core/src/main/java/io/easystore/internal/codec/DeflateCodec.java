package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** zlib-wrapped deflate; the zlib trailer's Adler-32 catches most corruption of the block. */
final class DeflateCodec implements Codec {
  private final int level;

  DeflateCodec(int level) {
    this.level = level;
  }

  @Override
  public CodecId id() {
    return CodecId.DEFLATE;
  }

  @Override
  public byte[] compress(byte[] src, int off, int len) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(src, off, len);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 2));
      byte[] buf = new byte[Math.max(256, Math.min(len + 64, 64 * 1024))];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  @Override
  public byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException, LimitExceededException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(src, off, len);
      // Grow geometrically up to the limit: a small block never costs maxSize bytes of memory.
      byte[] out = new byte[(int) Math.min(maxSize, Math.max(256L, 4L * len))];
      int pos = 0;
      while (true) {
        if (pos == out.length) {
          if (out.length >= maxSize) {
            if (inflater.finished() || produceOneMore(inflater, container, offset) == 0) {
              break;
            }
            throw new LimitExceededException(container, offset, null, "decompressed size",
                (long) maxSize + 1, maxSize, "the reader's maximum block size");
          }
          out = Arrays.copyOf(out, (int) Math.min(maxSize, 2L * out.length));
        }
        int n = inflater.inflate(out, pos, out.length - pos);
        pos += n;
        if (inflater.finished()) {
          break;
        }
        if (n == 0 && pos < out.length) {
          if (inflater.needsDictionary()) {
            throw new CorruptContainerException(container, offset, null,
                "deflate block asks for a preset dictionary");
          }
          if (inflater.needsInput()) {
            throw new CorruptContainerException(container, offset, null,
                "truncated deflate block (" + len + " compressed bytes, " + pos + " decoded)");
          }
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new CorruptContainerException(container, offset, null,
            inflater.getRemaining() + " trailing bytes after the deflate block");
      }
      return pos == out.length ? out : Arrays.copyOf(out, pos);
    } catch (DataFormatException e) {
      throw new CorruptContainerException(container, offset, null, "bad deflate data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Distinguishes "exactly at the limit" from "over it" without allocating past the limit. */
  private static int produceOneMore(Inflater inflater, String container, long offset)
      throws DataFormatException, CorruptContainerException {
    byte[] probe = new byte[1];
    int n = inflater.inflate(probe);
    if (n == 0 && !inflater.finished() && inflater.needsInput()) {
      throw new CorruptContainerException(container, offset, null, "truncated deflate block");
    }
    return n;
  }

  @Override
  public OutputStream compressingStream(OutputStream out) {
    Deflater deflater = new Deflater(level);
    return new DeflaterOutputStream(out, deflater, 8192) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          deflater.end();
        }
      }
    };
  }

  @Override
  public InputStream decompressingStream(InputStream in, long maxSize, String container) {
    return new LimitedInputStream(new InflaterInputStream(in), maxSize, container);
  }
}
