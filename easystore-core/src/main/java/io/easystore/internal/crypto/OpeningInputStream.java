package io.easystore.internal.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The plaintext of a chunk-sealed body: reads one sealed chunk at a time from the stored bytes
 * and returns its bytes only after the chunk authenticates. Holds one chunk. Not thread-safe.
 */
final class OpeningInputStream extends InputStream {
  private final ContainerCipher cipher;
  private final long dataOffset;
  private final long plainLength;
  private final long chunks;
  private final InputStream in;
  private final String entry;
  private final byte[] sealed;
  private byte[] plain = new byte[0];
  private int pos;
  private long index;

  OpeningInputStream(ContainerCipher cipher, long dataOffset, long plainLength, InputStream in, String entry) {
    this.cipher = cipher;
    this.dataOffset = dataOffset;
    this.plainLength = plainLength;
    this.chunks = cipher.chunks(plainLength);
    this.in = in;
    this.entry = entry;
    this.sealed = new byte[(int) Math.min(plainLength, cipher.chunkBytes()) + ContainerCipher.BOX_OVERHEAD];
  }

  private boolean fill() throws IOException {
    while (pos == plain.length) {
      if (index == chunks) {
        return false;
      }
      int n = (int) Math.min(cipher.chunkBytes(), plainLength - index * cipher.chunkBytes());
      int len = n + ContainerCipher.BOX_OVERHEAD;
      if (in.readNBytes(sealed, 0, len) != len) {
        throw new EOFException("encrypted body ends inside chunk " + index);
      }
      plain = cipher.unbox(ContainerCipher.BODY, dataOffset, (index << 1) | (index == chunks - 1 ? 1 : 0),
          sealed, 0, len, entry);
      pos = 0;
      index++;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? plain[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, plain.length - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return plain.length - pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
