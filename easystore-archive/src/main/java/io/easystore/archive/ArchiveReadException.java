package io.easystore.archive;

import io.easystore.CorruptContainerException;

/**
 * An archive being imported (tar, compressed tar, zip) that cannot be read: a damaged or
 * truncated compression stream, a tar header whose checksum is wrong, a zip entry whose sizes or
 * checksum disagree with its data. Whatever library found the problem, the message names the
 * archive, the entry being read (when one was) and the offset: {@link #offset()} counts bytes of
 * the uncompressed archive stream (for a zip, of the file), {@link #compressedOffset()} bytes of
 * the file as stored, when it is compressed and the position is known.
 *
 * <p>Immutable.
 */
public class ArchiveReadException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  private final long compressedOffset;

  public ArchiveReadException(String archive, long offset, String entry, long compressedOffset, String problem,
      Throwable cause) {
    super(archive, offset, entry, problem + (compressedOffset >= 0 ? " (near byte " + compressedOffset
        + " of the compressed file)" : ""), cause);
    this.compressedOffset = compressedOffset;
  }

  /** The position in the stored (compressed) file, or {@link #NO_OFFSET} when not known or not compressed. */
  public long compressedOffset() {
    return compressedOffset;
  }

  /** A one-line description of a library's exception, whose message may be missing or vague. */
  static String describe(Throwable t) {
    String m = t.getMessage();
    String kind = t.getClass().getSimpleName();
    if (m == null || m.isBlank()) {
      return t instanceof java.io.EOFException ? "the data ends early (truncated)" : kind;
    }
    return m.replace('\n', ' ') + " (" + kind + ")";
  }
}
