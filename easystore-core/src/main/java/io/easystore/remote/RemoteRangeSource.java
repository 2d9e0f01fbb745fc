package io.easystore.remote;

import io.easystore.io.RequestStats;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link RangeSource} over a remote object, pinned to the version it opened.
 *
 * <p>Opening costs exactly one request, which fetches the size, the version (ETag, version id)
 * and the last {@link RemoteOptions#tailBytes()} bytes. Reads that fall in that tail are served
 * from memory, so "open + read the footer" costs one request in total. Every other read costs one
 * request per {@link RemoteOptions#maxRequestBytes()} (plus retries), each conditional on the
 * pinned version: if the object is replaced, reads throw {@link ObjectChangedException} instead
 * of mixing versions.
 *
 * <p>Thread-safe: reads from many threads run concurrently. Destination buffers are written only
 * during the call.
 */
public interface RemoteRangeSource extends RangeSource {

  /** The version pinned at open. */
  ObjectVersion version();

  /** Requests, bytes and retries so far (the opening request included). */
  RequestStats.Snapshot stats();

  @Override
  default java.util.Optional<RequestStats.Snapshot> requestStats() {
    return java.util.Optional.of(stats());
  }

  @Override
  default java.util.Optional<io.easystore.io.RemoteInfo> remote() {
    return java.util.Optional.of(new io.easystore.io.RemoteInfo(location(), version().cacheToken(), tailOffset()));
  }

  /** Where the object lives, for cache keys. */
  String location();

  /** The offset of the first byte of the prefetched tail; equals {@link #size()} minus the tail's length. */
  long tailOffset();

  /** The prefetched tail, read-only, positioned at 0. */
  ByteBuffer tail();

  /**
   * Opens a pinned source over {@code transport}, sending the one opening request. The source owns
   * the transport and closes it; if opening fails the transport is closed too.
   */
  static RemoteRangeSource open(RangeTransport transport, RemoteOptions options) throws IOException {
    try {
      return PinnedRangeSource.open(transport, options);
    } catch (IOException | RuntimeException | Error e) {
      try {
        transport.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** {@link #size()} without the checked exception, since it is known from the opening request. */
  @Override
  long size();
}
