package io.easystore.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * How far into the input file an import has got, passed on as a position that never goes down
 * and never passes the file's size: importers report what they can measure cheaply (the bytes a
 * tar stream pulled from the file, a zip entry's end, a container's stored bytes copied so far)
 * and {@link #finish} reports the whole file. Used by one thread.
 */
final class InputProgress {
  private final long size;
  private final LongConsumer listener;
  private long position;

  InputProgress(long size, LongConsumer listener) {
    this.size = size;
    this.listener = listener;
  }

  /** Reports {@code p} if it is further than anything reported before. */
  void at(long p) {
    long capped = Math.min(p, size);
    if (capped > position) {
      position = capped;
      listener.accept(capped);
    }
  }

  /** Moves the position on by {@code n} bytes. */
  void advance(long n) {
    at(position + n);
  }

  /** The import read the whole input. */
  void finish() {
    at(size);
  }

  /** {@code in}, reporting each byte it delivers as consumed. */
  InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          advance(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          advance(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long k = super.skip(n);
        advance(Math.max(0, k));
        return k;
      }
    };
  }
}
