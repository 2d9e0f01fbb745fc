package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.LimitExceededException;
import io.easystore.IndexEntry;
import io.easystore.internal.bytes.Checksums;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Checksum;

/**
 * Counts the bytes of an entry's body as they are read and, at the end, checks that there were
 * exactly as many as the index says and (when asked) that their checksum matches. A body that
 * is cut short or corrupt fails at its end with {@link CorruptContainerException}, before the
 * caller sees end-of-stream. Skipping disables the checksum (the skipped bytes are not seen) but
 * not the length check. Not thread-safe.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final IndexEntry entry;
  private final V2Bodies verifier;
  private final String container;
  private Checksum sum;
  private long count;
  private boolean checked;

  /** @param verifier checks the checksum at the end; null to check the length only */
  VerifyingInputStream(InputStream in, IndexEntry entry, V2Bodies verifier, String container) {
    super(in);
    this.entry = entry;
    this.verifier = verifier;
    this.container = container;
    this.sum = verifier != null && entry.hasChecksum() ? Checksums.create(entry.checksumKind()) : null;
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
    } catch (CorruptContainerException e) {
      if (entry.name().equals(e.entry())) {
        throw e;
      }
      // The decoders know neither the container offset nor the entry: name both here.
      throw new CorruptContainerException(container, entry.dataOffset(), entry.name(),
          "body does not decompress after " + count + " bytes: " + e.getMessage(), e);
    } catch (LimitExceededException e) {
      // The decoder's limit is the recorded size: more output than recorded is damage, not a limit.
      throw new CorruptContainerException(container, entry.dataOffset(), entry.name(),
          "body does not decompress after " + count + " bytes: " + e.getMessage(), e);
    }
    if (n > 0) {
      if (sum != null) {
        sum.update(b, off, n);
      }
      count += n;
      if (count > entry.size()) {
        throw new CorruptContainerException(container, entry.dataOffset(), entry.name(),
            "body holds more than the " + entry.size() + " bytes the index records");
      }
    } else if (n < 0 && !checked && len > 0) {
      checked = true;
      if (count != entry.size()) {
        throw new CorruptContainerException(container, entry.dataOffset(), entry.name(),
            "body ends after " + count + " of the " + entry.size() + " bytes the index records");
      }
      if (sum != null) {
        verifier.verify(entry, sum.getValue());
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = in.skip(n);
    if (s > 0) {
      sum = null;
      count += s;
    }
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
