package io.easystore.internal.common;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.io.RangeSource;
import java.io.IOException;

/**
 * The typed errors for body lengths, shared by the v1, v2 and fpack readers: a length the
 * container cannot hold is corruption; a plausible length above what one call returns is a limit.
 * Stateless.
 */
public final class BodyLimits {
  /** The largest array the JVM allocates reliably. */
  public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private BodyLimits() {}

  /** Refuses an inline body whose stored bytes do not lie inside {@code source}. */
  public static void checkInside(RangeSource source, IndexEntry e, long storedLength) throws IOException {
    long end = source.size();
    if (e.dataOffset() < 0 || storedLength < 0 || e.dataOffset() > end || storedLength > end - e.dataOffset()) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "body of "
          + Long.toUnsignedString(storedLength) + " stored bytes at offset " + e.dataOffset()
          + " runs past the end of the container (" + end + " bytes)");
    }
  }

  public static LimitExceededException tooLargeForArray(String container, IndexEntry e, long length) {
    return new LimitExceededException(container, e.dataOffset(), e.name(), "body length for one array", length,
        MAX_ARRAY, "nothing: read it with openStream or newChannel instead");
  }

  public static LimitExceededException aboveBatch(String container, IndexEntry e, long length, long limit) {
    return new LimitExceededException(container, e.dataOffset(), e.name(), "body length in a batch", length, limit,
        "ReaderOptions.withMaxBatchBytes or -Deasystore.maxBatchBytes, or read it with openStream");
  }
}
