package io.easystore.records;

import io.easystore.CorruptContainerException;
import io.easystore.crypto.AuthenticationFailedException;
import io.easystore.crypto.BlockMovedException;
import io.easystore.crypto.BlockTruncatedException;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Moves from page to page and decides what damage means: a bad page followed by an intact one is
 * corruption (fail, or skip in skip mode); a bad page with nothing intact after it is a torn tail.
 * Stateless apart from its configuration, so one walker serves many threads.
 */
final class PageWalker {
  private static final int SCAN_CHUNK = 64 * 1024;

  private final RangeSource src;
  private final PageCodec codec;
  private final long size;
  private final ReaderOptions opts;

  PageWalker(RangeSource src, PageCodec codec, long size, ReaderOptions opts) {
    this.src = src;
    this.codec = codec;
    this.size = size;
    this.opts = opts;
  }

  long size() {
    return size;
  }

  /** The header of the first intact page at or after {@code pos}, or {@code null} at the end. */
  PageHeader header(long pos) throws IOException {
    while (pos >= 0 && pos < size) {
      try {
        return codec.readHeader(src, pos, size);
      } catch (CorruptContainerException e) {
        pos = damaged(pos, e);
      }
    }
    return null;
  }

  /** The first intact page at or after {@code pos}, decoded, or {@code null} at the end. */
  LoadedPage load(long pos) throws IOException {
    while (true) {
      PageHeader h = header(pos);
      if (h == null) {
        return null;
      }
      try {
        return decode(h);
      } catch (CorruptContainerException e) {
        pos = damaged(h.offset(), e);
        if (pos < 0) {
          return null;
        }
      }
    }
  }

  /** Decodes the page of a known header; damage is thrown, never skipped. */
  LoadedPage decode(PageHeader h) throws IOException {
    byte[] plain = codec.decode(h, codec.readPayload(src, h));
    return new LoadedPage(h, plain, codec.frame(h, plain));
  }

  /**
   * Applies the damage policy to a failure at {@code pos}.
   *
   * @return where reading continues, or -1 when the rest of the archive is a tolerated torn tail
   *     (or, in skip mode, unreadable)
   */
  long damaged(long pos, CorruptContainerException e) throws IOException {
    long next = findNextValid(pos + Format.ALIGN);
    CorruptContainerException cause = e;
    if (next < 0) {
      cause = notTorn(pos, e);
      if (cause == null) {
        TornTailException t = new TornTailException(codec.name(), pos, size - pos, problem(e));
        t.addSuppressed(e);
        if (!opts.tolerateTornTail()) {
          throw t;
        }
        opts.onSkip().accept(t);
        return -1;
      }
    }
    if (!opts.skipCorruptPages() && cause instanceof AuthenticationFailedException) {
      // Typed as the issue asks: altered, moved or truncated sealed pages keep their own class.
      throw cause;
    }
    Bookmark b = cause instanceof CorruptPageException ? ((CorruptPageException) cause).bookmark() : null;
    CorruptPageException c = new CorruptPageException(codec.name(), pos, b, next, problem(cause), cause);
    if (!opts.skipCorruptPages()) {
      throw c;
    }
    opts.onSkip().accept(c);
    return next;
  }

  /**
   * Decides whether a failure at {@code pos} with no intact page after it can be a torn tail: a
   * crash leaves at most one incomplete page at the end, never a page header at the wrong place, a
   * sealed page that fails authentication with intact checksums, or complete page headers after
   * the damage (pages moved up by removed bytes).
   *
   * @return {@code null} for a torn tail, else the exception that describes the damage
   */
  private CorruptContainerException notTorn(long pos, CorruptContainerException e) throws IOException {
    if (e instanceof BlockMovedException || e instanceof MovedPageException) {
      return e;
    }
    long[] later = laterHeader(pos);
    if (later == null) {
      return null;
    }
    String problem = problem(e) + "; an intact page header recording offset " + later[1] + " follows at "
        + later[0] + ", so this is damage, not a torn tail";
    if (!codec.encrypted()) {
      return new CorruptPageException(codec.name(), pos, null, CorruptPageException.NONE, problem, e);
    }
    CorruptContainerException x = later[1] > later[0]
        ? new BlockTruncatedException(codec.name(), pos, null, problem + " (bytes were removed: page cut short)")
        : new BlockMovedException(codec.name(), pos, null, problem + " (pages were moved)");
    x.addSuppressed(e);
    return x;
  }

  /**
   * The first place after {@code pos} (at any byte, not only at 16-byte steps) holding a page header
   * with a valid CRC that records an offset after {@code pos}: {@code {where, recorded}}, or
   * {@code null}.
   */
  private long[] laterHeader(long pos) throws IOException {
    byte[] chunk = new byte[SCAN_CHUNK + Format.PAGE_HEADER_MAX];
    long p = pos + 1;
    while (p + Format.PAGE_HEADER_MIN <= size) {
      int n = (int) Math.min(chunk.length, size - p);
      src.readFully(p, ByteBuffer.wrap(chunk, 0, n));
      int scan = n == chunk.length ? SCAN_CHUNK : n;
      for (int i = 0; i < scan; i++) {
        if (chunk[i] == 'P') {
          long rec = PageHeader.recordedOffsetIfHeader(chunk, i, n);
          if (rec > pos && (rec & (Format.ALIGN - 1)) == 0) {
            return new long[] {p + i, rec};
          }
        }
      }
      p += scan;
    }
    return null;
  }

  /**
   * The first offset at or after {@code from} (rounded up to 16) holding an intact page: magic,
   * header checksum, recorded offset and payload checksum all agree. -1 if there is none.
   */
  long findNextValid(long from) throws IOException {
    byte[] chunk = new byte[SCAN_CHUNK];
    long p = Format.align(from);
    while (p + Format.PAGE_HEADER_MIN <= size) {
      int n = (int) Math.min(chunk.length, size - p);
      src.readFully(p, ByteBuffer.wrap(chunk, 0, n));
      for (int i = 0; i + 4 <= n; i += Format.ALIGN) {
        if (Format.startsWith(chunk, i, Format.PAGE_MAGIC) && intact(p + i)) {
          return p + i;
        }
      }
      p += n;
    }
    return -1;
  }

  private boolean intact(long pos) throws IOException {
    try {
      codec.readPayload(src, codec.readHeader(src, pos, size));
      return true;
    } catch (CorruptContainerException e) {
      return false;
    }
  }

  /** The exception's message without the "container @ offset" prefix it would repeat. */
  static String problem(Exception e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf(": ");
    return i >= 0 ? m.substring(i + 2) : m;
  }

  /**
   * Checks every page's header and payload checksum from {@code first} on (no decryption needed),
   * for appending and repair.
   */
  Verification verify(long first) throws IOException {
    long pos = first;
    long pages = 0;
    long records = 0;
    while (pos < size) {
      try {
        PageHeader h = codec.readHeader(src, pos, size);
        codec.readPayload(src, h);
        pages++;
        records += h.entryCount();
        pos = h.next();
      } catch (CorruptContainerException e) {
        long next = findNextValid(pos + Format.ALIGN);
        CorruptContainerException cause = next >= 0 ? e : notTorn(pos, e);
        if (cause != null) {
          throw new CorruptPageException(codec.name(), pos, null, next, problem(cause)
              + "; this is damage inside the archive, not a torn tail, so it is left as is", cause);
        }
        return new Verification(pos, pages, records, size - pos, problem(e));
      }
    }
    return new Verification(Math.min(pos, size), pages, records, 0, null);
  }

  /**
   * What {@link #verify} found.
   *
   * @param validEnd where the last intact page (with padding) ends
   * @param tornBytes bytes after it
   * @param problem why the tail is unreadable, or {@code null}
   */
  record Verification(long validEnd, long pages, long records, long tornBytes, String problem) {}
}
