package io.easystore.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Refuses zip entries whose records disagree: the local header against the central directory
 * (method, CRC, sizes), the data descriptor against both, and the data itself against the sizes
 * and CRC it claims (commons-compress reads through the central directory and checks none of
 * this, so a deflate stream longer than its recorded size was imported whole). Stateless.
 */
final class ZipChecks {
  private static final long LOCAL_SIG = 0x04034b50L;
  private static final long DESCRIPTOR_SIG = 0x08074b50L;
  private static final long ZIP64_MARK = 0xFFFFFFFFL;

  private ZipChecks() {}

  /** Checks the local header and the data descriptor of {@code e} against its central directory record. */
  static void records(FileChannel file, String archive, String path, ZipArchiveEntry e) throws IOException {
    ByteBuffer h = read(file, e.getLocalHeaderOffset(), 30);
    if (h == null || (h.getInt(0) & ZIP64_MARK) != LOCAL_SIG) {
      throw bad(archive, e.getLocalHeaderOffset(), path, "no local file header where the central directory says");
    }
    int flags = h.getShort(6) & 0xFFFF;
    int method = h.getShort(8) & 0xFFFF;
    if (method != e.getMethod()) {
      throw bad(archive, e.getLocalHeaderOffset(), path, "the local header says compression method " + method
          + ", the central directory " + e.getMethod());
    }
    long crc = h.getInt(14) & ZIP64_MARK;
    long csize = h.getInt(18) & ZIP64_MARK;
    long usize = h.getInt(22) & ZIP64_MARK;
    if ((flags & 8) == 0) {
      compare(archive, e.getLocalHeaderOffset(), path, "local header", crc, csize, usize, e);
      return;
    }
    long at = e.getDataOffset() + e.getCompressedSize();
    ByteBuffer d = read(file, at, 24);
    if (d == null) {
      d = read(file, at, 16);
    }
    if (d == null) {
      throw bad(archive, at, path, "the data descriptor is missing (the file ends)");
    }
    int o = (d.getInt(0) & ZIP64_MARK) == DESCRIPTOR_SIG ? 4 : 0;
    long dcrc = d.getInt(o) & ZIP64_MARK;
    boolean small = (d.getInt(o + 4) & ZIP64_MARK) == e.getCompressedSize()
        && (d.getInt(o + 8) & ZIP64_MARK) == e.getSize();
    boolean large = d.limit() >= o + 20 && d.getLong(o + 4) == e.getCompressedSize() && d.getLong(o + 12) == e.getSize();
    if (dcrc != e.getCrc() || !(small || large)) {
      throw bad(archive, at, path, "the data descriptor disagrees with the central directory (CRC or sizes)");
    }
  }

  private static void compare(String archive, long at, String path, String what, long crc, long csize, long usize,
      ZipArchiveEntry e) throws ArchiveReadException {
    boolean sizesOk = (csize == ZIP64_MARK || csize == e.getCompressedSize()) && (usize == ZIP64_MARK || usize == e.getSize());
    if (crc != e.getCrc() || !sizesOk) {
      throw bad(archive, at, path, "the " + what + " disagrees with the central directory: CRC " + Long.toHexString(crc)
          + " vs " + Long.toHexString(e.getCrc()) + ", compressed " + csize + " vs " + e.getCompressedSize() + ", size "
          + usize + " vs " + e.getSize());
    }
  }

  private static ByteBuffer read(FileChannel file, long at, int n) throws IOException {
    if (at < 0 || at + n > file.size()) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (file.read(b, at + b.position()) < 0) {
        return null;
      }
    }
    return b.flip();
  }

  static ArchiveReadException bad(String archive, long at, String path, String problem) {
    return new ArchiveReadException(archive, at, path, -1, problem + " (refused as inconsistent)", null);
  }

  /** The entry's data, failing as soon as it yields more than its recorded size, and at its end on a short body or wrong CRC. */
  static InputStream verified(InputStream data, String archive, String path, ZipArchiveEntry e) {
    return new FilterInputStream(data) {
      private final CRC32 crc = new CRC32();
      private long count;
      private boolean checked;

      private int counted(int n, byte[] b, int off) throws IOException {
        if (n > 0) {
          crc.update(b, off, n);
          count += n;
          if (count > e.getSize()) {
            throw bad(archive, e.getDataOffset(), path, "the data expands beyond the recorded size of " + e.getSize()
                + " bytes");
          }
        } else if (n < 0 && !checked) {
          checked = true;
          if (count != e.getSize() || crc.getValue() != e.getCrc()) {
            throw bad(archive, e.getDataOffset(), path, "the data gives " + count + " bytes with CRC "
                + Long.toHexString(crc.getValue()) + "; the central directory records " + e.getSize() + " bytes, CRC "
                + Long.toHexString(e.getCrc()));
          }
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return counted(in.read(b, off, len), b, off);
      }

      @Override
      public long skip(long n) throws IOException {
        int len = (int) Math.max(0, Math.min(n, 8192));
        return Math.max(0, read(new byte[len], 0, len));
      }
    };
  }
}
