package io.easystore.bench.remote;

import io.easystore.remote.ObjectVersion;
import io.easystore.remote.RangeTransport;
import io.easystore.remote.RemoteOptions;
import io.easystore.remote.RemoteRangeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A remote object simulated by a local file: each call is one "request" that waits
 * {@code roundTripMillis} (the injected network round trip) and then reads the range. Wrapped by
 * {@link RemoteRangeSource#open}, it goes through exactly the request logic of the HTTP and S3
 * sources (tail fetched at open, reads split at {@code maxRequestBytes}, counters), without a
 * network: bandwidth is the page cache's, so only the number of round trips costs time.
 *
 * <p>Thread-safe: positional reads on one channel.
 */
final class FileTransport implements RangeTransport {
  private final Path path;
  private final FileChannel channel;
  private final long roundTripMillis;
  private final ObjectVersion version;

  private FileTransport(Path path, long roundTripMillis) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.roundTripMillis = roundTripMillis;
    this.version = new ObjectVersion("\"bench\"", null, null, channel.size());
  }

  /** A counting remote source over {@code path} with {@code roundTripMillis} per request. */
  static RemoteRangeSource open(Path path, long roundTripMillis) throws IOException {
    return RemoteRangeSource.open(new FileTransport(path, roundTripMillis), RemoteOptions.defaults());
  }

  @Override
  public String name() {
    return "sim://" + path.getFileName();
  }

  @Override
  public Tail fetchTail(int n) throws IOException {
    int len = (int) Math.min(n, version.size());
    return new Tail(version, read(version.size() - len, len));
  }

  @Override
  public byte[] fetch(long offset, int length, ObjectVersion pinned) throws IOException {
    return read(offset, length);
  }

  private byte[] read(long offset, int length) throws IOException {
    if (roundTripMillis > 0) {
      try {
        Thread.sleep(roundTripMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
    }
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (channel.read(b, offset + b.position()) < 0) {
        throw new java.io.EOFException(name() + " at " + (offset + b.position()));
      }
    }
    return b.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
