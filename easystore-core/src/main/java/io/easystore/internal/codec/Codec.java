package io.easystore.internal.codec;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.codec.CodecId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One compression algorithm with fixed settings (level, dictionary).
 *
 * <p>Implementations are immutable and thread-safe: every call uses its own native or
 * {@link java.util.zip} context. Input arrays are only read during the call; returned arrays are
 * new and owned by the caller.
 *
 * <p>Every decompression takes an explicit maximum output size and never allocates more than that
 * (plus a small constant), so a hostile frame that claims or expands to gigabytes costs nothing.
 * Bad input gives {@link CorruptContainerException}; output above the maximum gives
 * {@link LimitExceededException}; neither leaks a library-specific runtime exception.
 */
public interface Codec {

  /** Which codec this is. */
  CodecId id();

  /** Compresses {@code len} bytes of {@code src} from {@code off} into a new array. */
  byte[] compress(byte[] src, int off, int len);

  /** Compresses the whole array. */
  default byte[] compress(byte[] src) {
    return compress(src, 0, src.length);
  }

  /**
   * Decompresses one complete compressed block.
   *
   * @param maxSize the largest output accepted; more gives {@link LimitExceededException}
   * @param container names the container in error messages
   * @param offset the block's offset in the container, for error messages
   * @throws CorruptContainerException for truncated, garbage or trailing-garbage input
   */
  byte[] decompress(byte[] src, int off, int len, int maxSize, String container, long offset)
      throws CorruptContainerException, LimitExceededException;

  /**
   * Decompresses a block whose decompressed length is recorded elsewhere; anything other than
   * exactly {@code expectedSize} bytes is corruption.
   */
  default byte[] decompressExact(byte[] src, int off, int len, int expectedSize, String container, long offset)
      throws CorruptContainerException {
    byte[] out;
    try {
      out = decompress(src, off, len, expectedSize, container, offset);
    } catch (LimitExceededException e) {
      throw new CorruptContainerException(container, offset, null,
          "block decompresses to more than its recorded length of " + expectedSize + " bytes", e);
    }
    if (out.length != expectedSize) {
      throw new CorruptContainerException(container, offset, null, "block decompresses to "
          + out.length + " bytes but its recorded length is " + expectedSize);
    }
    return out;
  }

  /**
   * Wraps {@code out} so that bytes written are compressed into it. Closing the returned stream
   * finishes the frame and closes {@code out}. Not thread-safe.
   */
  OutputStream compressingStream(OutputStream out) throws IOException;

  /**
   * Wraps {@code in} so that reads return decompressed bytes, at most {@code maxSize} of them: the
   * read that would go past the limit throws {@link LimitExceededException}. Garbage or a frame
   * cut short gives {@link CorruptContainerException}. Works however {@code in} splits its data
   * (one byte per read is fine). Not thread-safe; closing it closes {@code in}.
   */
  InputStream decompressingStream(InputStream in, long maxSize, String container) throws IOException;
}
