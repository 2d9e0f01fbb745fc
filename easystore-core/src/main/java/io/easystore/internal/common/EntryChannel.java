package io.easystore.internal.common;

import io.easystore.IndexEntry;
import io.easystore.internal.bytes.Checksums;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.Checksum;

/**
 * A read-only {@link SeekableByteChannel} over one entry's original bytes. Raw bodies are read
 * with positional reads, so seeking is free. Compressed bodies are decompressed as a stream:
 * seeking forward skips, seeking backward starts over.
 *
 * <p>What is checked (v2 bodies, when the reader verifies on read): a body read sequentially from
 * 0 to its end is checked against its checksum as it goes, at no extra cost. The first read that
 * is not the continuation of such a sequential read (any read after a {@code position} change
 * that skips or goes back) first reads and checks the whole body once: a damaged body then fails
 * with a {@link io.easystore.CorruptContainerException} and no byte of it is returned, at any
 * position, for the rest of the channel's life. That costs one extra pass over the body (a read,
 * and a decompression for compressed bodies) per channel, paid only by channels that seek. A
 * per-body checksum cannot check a part of a body any cheaper. v1 and fpack bodies have no
 * checksum and are never checked.
 *
 * <p>{@link #size()} of a compressed body larger than {@value #TRUSTED_SIZE} bytes decompresses it
 * once to confirm the recorded length first, because callers such as {@code Files.readAllBytes}
 * allocate what it reports and the length is hostile input until the body proves it.
 *
 * <p>Not thread-safe, like most channels of this kind: one thread reads it.
 */
public final class EntryChannel implements SeekableByteChannel {
  private final RangeSource source;
  private final IndexEntry entry;
  private final BodyDecoder bodies;
  private final boolean verify;
  private long position;
  private boolean open = true;
  private InputStream stream;
  private long streamPosition;
  private Checksum sum;
  private long summed;
  /** Bytes read sequentially from 0 so far, or -1 once a read left that sequence. */
  private long sequential;
  private boolean wholeChecked;
  private IOException damage;

  /** Recorded lengths up to this are reported as they are: allocating them cannot hurt. */
  static final long TRUSTED_SIZE = 16L << 20;

  /** @param bodies decodes and checks v2 bodies; null for a raw v1 body, which is not checked */
  public EntryChannel(RangeSource source, IndexEntry entry, BodyDecoder bodies, boolean verify) throws IOException {
    if (bodies != null) {
      bodies.checkReadable(entry);
    }
    this.source = source;
    this.entry = entry;
    this.bodies = bodies;
    this.verify = verify;
    if (bodies != null && verify && !entry.isCompressed() && !entry.isEncrypted() && entry.hasChecksum()) {
      sum = Checksums.create(entry.checksumKind());
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= entry.size()) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position != sequential) {
      sequential = -1;
      if (verify && bodies != null) {
        checkWhole();
      }
    }
    int n = entry.isCompressed() || entry.isEncrypted() ? readCompressed(dst) : readRaw(dst);
    if (sequential >= 0 && n > 0) {
      sequential += n;
    }
    return n;
  }

  /**
   * Reads and checks the whole body once (length and checksum), remembering a failure so that no
   * later read returns bytes of a body known to be damaged.
   */
  private void checkWhole() throws IOException {
    if (damage != null) {
      throw damage;
    }
    if (wholeChecked) {
      return;
    }
    try (InputStream in = bodies.stream(entry, verify)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (io.easystore.CorruptContainerException e) {
      damage = e;
      throw e;
    }
    wholeChecked = true;
  }

  private int readRaw(ByteBuffer dst) throws IOException {
    int want = (int) Math.min(dst.remaining(), entry.size() - position);
    ByteBuffer view = dst.duplicate();
    view.limit(view.position() + want);
    int start = view.position();
    source.readFully(entry.dataOffset() + position, view);
    if (sum != null) {
      if (position == summed) {
        ByteBuffer seen = dst.duplicate();
        seen.limit(start + want).position(start);
        sum.update(seen);
        summed += want;
        if (summed == entry.size()) {
          bodies.verify(entry, sum.getValue());
          sum = null;
        }
      } else {
        sum = null;
      }
    }
    dst.position(start + want);
    position += want;
    return want;
  }

  private int readCompressed(ByteBuffer dst) throws IOException {
    if (stream == null || position < streamPosition) {
      if (stream != null) {
        stream.close();
      }
      stream = bodies.stream(entry);
      streamPosition = 0;
    }
    while (streamPosition < position) {
      long skipped = stream.skip(position - streamPosition);
      if (skipped <= 0) {
        if (stream.read() < 0) {
          return -1;
        }
        skipped = 1;
      }
      streamPosition += skipped;
    }
    byte[] buf = new byte[Math.min(dst.remaining(), 64 << 10)];
    int n = stream.read(buf, 0, buf.length);
    if (n < 0) {
      return -1;
    }
    dst.put(buf, 0, n);
    streamPosition += n;
    position += n;
    if (position == entry.size()) {
      // Let the stream see its end so that it checks length and checksum.
      stream.read(new byte[1]);
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    if (bodies != null && (entry.isCompressed() || entry.isEncrypted()) && entry.size() > TRUSTED_SIZE) {
      checkWhole();
    }
    return entry.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
