package io.easystore.archive;

import io.easystore.CorruptContainerException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The body of an archive entry as the container writer reads it: any failure of the archive and
 * compression libraries underneath (a truncated gzip, a bad deflate distance, a zstd frame that
 * needs too much memory, an unsupported zip feature) becomes one {@link ArchiveReadException}
 * naming the archive, the entry and the positions. Our own typed exceptions pass unchanged.
 * Not thread-safe; closing it does not close the archive stream.
 */
final class GuardedInput extends FilterInputStream {
  private final String archive;
  private final String entry;
  private final LongSupplier offset;
  private final LongSupplier compressedOffset;

  GuardedInput(InputStream in, String archive, String entry, LongSupplier offset, LongSupplier compressedOffset) {
    super(in);
    this.archive = archive;
    this.entry = entry;
    this.offset = offset;
    this.compressedOffset = compressedOffset;
  }

  /** Converts a failure of the reading libraries; returns ours (already typed) unchanged. */
  static IOException wrap(Throwable t, String archive, String entry, long offset, long compressedOffset) {
    if (t instanceof CorruptContainerException || t instanceof io.easystore.LimitExceededException
        || t instanceof io.easystore.UnsupportedVersionException) {
      return (IOException) t;
    }
    return new ArchiveReadException(archive, offset, entry, compressedOffset,
        "cannot read the archive: " + ArchiveReadException.describe(t), t);
  }

  private IOException wrap(Throwable t) {
    return wrap(t, archive, entry, offset.getAsLong(), compressedOffset.getAsLong());
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException | RuntimeException e) {
      throw wrap(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw wrap(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException | RuntimeException e) {
      throw wrap(e);
    }
  }

  @Override
  public void close() {
    // The importer owns the archive stream (a tar stream must stay open for the next entry).
  }
}
