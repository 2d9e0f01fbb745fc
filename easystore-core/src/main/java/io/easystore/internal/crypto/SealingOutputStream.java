package io.easystore.internal.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Seals a body as it is written: full chunks are sealed as soon as a byte beyond them arrives
 * (so the last chunk, marked as such, is always sealed at close). Holds one chunk. Not
 * thread-safe.
 */
final class SealingOutputStream extends OutputStream {
  private final ContainerCipher cipher;
  private final long dataOffset;
  private final OutputStream out;
  private final byte[] chunk;
  private int filled;
  private long index;
  private boolean closed;

  SealingOutputStream(ContainerCipher cipher, long dataOffset, OutputStream out) {
    this.cipher = cipher;
    this.dataOffset = dataOffset;
    this.out = out;
    this.chunk = new byte[cipher.chunkBytes()];
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("sealing stream is closed");
    }
    while (len > 0) {
      if (filled == chunk.length) {
        emit(false);
      }
      int n = Math.min(len, chunk.length - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void emit(boolean last) throws IOException {
    out.write(cipher.box(ContainerCipher.BODY, dataOffset, (index << 1) | (last ? 1 : 0), chunk, 0, filled));
    index++;
    filled = 0;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      emit(true);
    }
  }
}
