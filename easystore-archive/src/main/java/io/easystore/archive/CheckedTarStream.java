package io.easystore.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A tar stream that refuses what GNU tar refuses and keeps the raw bytes of names.
 *
 * <p>Every header record's checksum is verified (commons-compress parses headers with a wrong
 * checksum as if they were right, so a damaged or misaligned header became an entry). Names in
 * ustar and GNU long-name records are decoded as ISO-8859-1, which keeps their bytes for
 * {@link RawNames} to decode as UTF-8; the raw bytes of each PAX extended header are kept too,
 * because commons-compress replaces bytes that are not UTF-8 without saying so. Not thread-safe.
 */
final class CheckedTarStream extends TarArchiveInputStream {
  /** Longest PAX header data kept for name decoding; longer ones are refused by {@link RawNames}. */
  static final int MAX_PAX_BYTES = 1 << 20;
  private static final int RECORD = 512;

  private final String archive;
  private final ByteArrayOutputStream pax = new ByteArrayOutputStream();
  private boolean paxTooLong;
  private boolean sparseExtensionNext;
  private boolean ended;

  CheckedTarStream(InputStream in, String archive) {
    super(in, StandardCharsets.ISO_8859_1.name());
    this.archive = archive;
  }

  @Override
  protected byte[] readRecord() throws IOException {
    long at = getBytesRead();
    byte[] r = super.readRecord();
    if (r == null || r.length != RECORD || ended) {
      return r;
    }
    if (sparseExtensionNext) {
      // An old-GNU sparse extension record carries no checksum.
      sparseExtensionNext = r[504] != 0;
      return r;
    }
    if (isEOFRecord(r)) {
      ended = true;
      return r;
    }
    if (!TarUtils.verifyCheckSum(r)) {
      throw new ArchiveReadException(archive, at, null, -1, "tar header checksum mismatch (a damaged or misaligned"
          + " header; GNU tar refuses it too)", null);
    }
    sparseExtensionNext = r[156] == 'S' && r[482] != 0;
    return r;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0 && getCurrentEntry() != null && getCurrentEntry().isPaxHeader()) {
      if (pax.size() + n <= MAX_PAX_BYTES) {
        pax.write(buf, off, n);
      } else {
        paxTooLong = true;
      }
    }
    return n;
  }

  /** The raw bytes of the PAX extended header that preceded the current entry (empty when none), then forgets them. */
  byte[] takePax() throws IOException {
    if (paxTooLong) {
      throw new ArchiveReadException(archive, getBytesRead(), null, -1, "PAX extended header longer than "
          + MAX_PAX_BYTES + " bytes", null);
    }
    byte[] b = pax.toByteArray();
    pax.reset();
    return b;
  }
}
