package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Counts decompressed bytes against a limit and turns the decoders' own exceptions (zstd-jni's
 * {@link ZstdIOException}, {@link ZipException}, the inflater's {@link EOFException} on a cut
 * frame) into {@link CorruptContainerException}. Not thread-safe.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long maxSize;
  private final String container;
  private long total;

  LimitedInputStream(InputStream in, long maxSize, String container) {
    super(in);
    if (maxSize < 0) {
      throw new IllegalArgumentException("negative maximum size " + maxSize);
    }
    this.maxSize = maxSize;
    this.container = container;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (ZstdIOException | ZstdException | ZipException | EOFException e) {
      throw new CorruptContainerException(container, total, null,
          "bad compressed stream after " + total + " decompressed bytes: " + e.getMessage(), e);
    }
    if (n > 0) {
      total += n;
      if (total > maxSize) {
        throw new LimitExceededException(container, CorruptContainerException.NO_OFFSET, null,
            "decompressed size", total, maxSize, "the caller's maximum decompressed size");
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
