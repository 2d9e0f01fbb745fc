package io.easystore.records;

import io.easystore.LimitExceededException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.codec.Codecs;
import io.easystore.internal.crypto.PageSealer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@link RecordWriter} implementation; see there for the contract. Every method holds the
 * writer's monitor, and so does the {@link PageAgeTimer} tick that writes an aged page.
 */
final class ArchiveWriter implements RecordWriter {
  private final PageOutput out;
  private final ArchiveMetadata meta;
  private final WriterOptions opts;
  private final PageCodec pages;
  private final Codec codec;
  private final byte[] host;
  private final byte[] app;
  private byte[] buf;
  private int len;
  private int count;
  private long firstAppendMillis;
  /** Counts written pages, so a tick scheduled for an earlier page does nothing. */
  private long pageGeneration;
  private ScheduledFuture<?> ageTick;
  /** An I/O error of a timer-written page, thrown by the next call (the records stay buffered). */
  private IOException timerFailure;
  private boolean closed;
  /** A page was written under syncOnFlush but its sync failed: the next flush syncs first. */
  private boolean syncOwed;

  /** {@code version}: the archive's format version (its volume header's), which new pages carry. */
  ArchiveWriter(PageOutput out, ArchiveMetadata meta, int version, WriterOptions opts, PageSealer sealer) {
    this.out = out;
    this.meta = meta;
    this.opts = opts;
    this.pages = new PageCodec(out.name(), meta, version, sealer, ReaderOptions.defaults());
    this.codec = Codecs.of(meta.codec(), meta.codecLevel());
    this.host = Format.utf8Prefix(opts.host, Format.MAX_HOST);
    this.app = Format.utf8Prefix(opts.application, Format.MAX_APP);
    this.buf = new byte[Math.min(opts.pageSize + 64, 1 << 16)];
  }

  @Override
  public String name() {
    return out.name();
  }

  @Override
  public ArchiveMetadata metadata() {
    return meta;
  }

  @Override
  public synchronized Bookmark append(byte[] record, int off, int n) throws IOException {
    ensureOpen();
    if (off < 0 || n < 0 || off > record.length - n) {
      throw new IndexOutOfBoundsException("off " + off + " len " + n + " of " + record.length);
    }
    if (n > opts.maxItemSize) {
      throw new LimitExceededException(out.name(), out.position(), null, "record size", n, opts.maxItemSize,
          "WriterOptions.withMaxItemSize (at most 16 MiB)");
    }
    int framed = 2 + ByteBuilder.varLongSize(n) + n;
    if (count > 0 && len + framed + Format.TERMINATOR > opts.pageSize) {
      writePage();
    }
    if (count == 0) {
      firstAppendMillis = opts.clock.millis();
      if (opts.maxPageAge != null) {
        scheduleAgeTick(maxAgeMillis());
      }
    }
    ensureRoom(framed + Format.TERMINATOR);
    buf[len] = Format.ENTRY_MARK_0;
    buf[len + 1] = Format.ENTRY_MARK_1;
    int pos = ByteBuilder.putVarLong(buf, len + 2, n);
    System.arraycopy(record, off, buf, pos, n);
    len = pos + n;
    Bookmark b = new Bookmark(out.position(), count++);
    if (len + Format.TERMINATOR >= opts.pageSize || due()) {
      try {
        writePage();
      } catch (IOException e) {
        // The record is buffered (or written, if only the sync failed): failing the append now
        // would make a retry store it twice. The page (or the owed sync) stays pending for the next
        // call that writes, which retries it and reports the error if it lasts. An interrupted
        // caller's next call refuses before buffering while the interrupt status, still set, lasts.
        assert !(e instanceof InterruptedIOException) || Thread.currentThread().isInterrupted() : e;
      }
    }
    return b;
  }

  private void ensureRoom(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + extra, Math.min(2 * buf.length, Integer.MAX_VALUE - 16)));
    }
  }

  private boolean due() {
    return count > 0 && opts.maxPageAge != null
        && opts.clock.millis() - firstAppendMillis >= maxAgeMillis();
  }

  /** The age limit in ms (saturating: an age too long for a long simply never comes). */
  private long maxAgeMillis() {
    try {
      return opts.maxPageAge.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private void scheduleAgeTick(long delayMillis) {
    long generation = pageGeneration;
    ageTick = PageAgeTimer.schedule(() -> ageTick(generation), delayMillis);
  }

  /** On the timer thread: writes the page if it is still the one the tick was set for and is due. */
  private synchronized void ageTick(long generation) {
    if (closed || generation != pageGeneration || count == 0 || timerFailure != null) {
      return;
    }
    if (!due()) {
      // The writer's clock (a test clock, or one that stepped) has not reached the age yet.
      long age = opts.clock.millis() - firstAppendMillis;
      scheduleAgeTick(maxAgeMillis() - Math.max(0, age));
      return;
    }
    try {
      writePage();
    } catch (IOException | RuntimeException e) {
      // No caller to throw to on this thread (the executor would drop it): the next append, flush
      // or close reports it.
      timerFailure = e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
  }

  private void writePage() throws IOException {
    if (count == 0) {
      if (syncOwed) {
        out.sync();
        syncOwed = false;
      }
      return;
    }
    buf[len] = 0;
    buf[len + 1] = 0;
    byte[] page = pages.encode(out.position(), opts.clock.millis(), buf, len + Format.TERMINATOR, count, codec,
        host, app);
    out.write(page);
    len = 0;
    count = 0;
    pageGeneration++;
    if (ageTick != null) {
      ageTick.cancel(false);
      ageTick = null;
    }
    if (buf.length > 4 * Math.max(opts.pageSize, 1 << 16)) {
      // A huge record grew the buffer; do not keep 16 MiB around for 100-byte records.
      buf = new byte[Math.min(opts.pageSize + 64, 1 << 16)];
    }
    if (opts.syncOnFlush) {
      // Owed until it succeeds: a flush after a failed one must not acknowledge the page unsynced.
      syncOwed = true;
      out.sync();
      syncOwed = false;
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    ensureOpen();
    writePage();
  }

  @Override
  public synchronized boolean flushIfDue() throws IOException {
    ensureOpen();
    if (due()) {
      writePage();
      return true;
    }
    return false;
  }

  @Override
  public synchronized void sync() throws IOException {
    ensureOpen();
    writePage();
    out.sync();
  }

  @Override
  public synchronized long size() {
    return out.position();
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(out.name() + ": writer is closed");
    }
    throwTimerFailure();
  }

  private void throwTimerFailure() throws IOException {
    IOException e = timerFailure;
    if (e != null) {
      timerFailure = null;
      if (count > 0) {
        // Reported now; the still-buffered page is due again at the next age tick.
        scheduleAgeTick(maxAgeMillis());
      }
      throw new IOException(out.name() + ": writing a page that reached its maximum age failed ("
          + e.getMessage() + "); its records are still buffered", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (ageTick != null) {
      ageTick.cancel(false);
    }
    // A timer write that failed left its records buffered (and no partial page): writing them now
    // retries it, and only if that fails too is there something to report.
    IOException earlier = timerFailure;
    timerFailure = null;
    // An interrupted closer still writes the last page (there is no later call to write it); the
    // interrupt is kept for its next blocking call.
    boolean interrupted = Thread.interrupted();
    try {
      writePage();
      out.sync();
    } catch (IOException e) {
      if (earlier != null) {
        e.addSuppressed(earlier);
      }
      throw e;
    } finally {
      try {
        out.close();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
