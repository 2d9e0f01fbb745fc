package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** Stores bytes unchanged; still enforces the maximum size so callers can treat all codecs alike. */
final class NoneCodec implements Codec {

  @Override
  public CodecId id() {
    return CodecId.NONE;
  }

  @Override
  public byte[] compress(byte[] src, int off, int len) {
    return Arrays.copyOfRange(src, off, Math.addExact(off, len));
  }

  @Override
  public byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException, LimitExceededException {
    if (len > maxSize) {
      throw new LimitExceededException(container, offset, null, "decompressed size", len, maxSize,
          "the reader's maximum block size");
    }
    return Arrays.copyOfRange(src, off, off + len);
  }

  @Override
  public OutputStream compressingStream(OutputStream out) {
    return out;
  }

  @Override
  public InputStream decompressingStream(InputStream in, long maxSize, String container) throws IOException {
    return new LimitedInputStream(in, maxSize, container);
  }
}
