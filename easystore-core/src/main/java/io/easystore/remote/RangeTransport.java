package io.easystore.remote;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * One remote protocol reduced to the two requests a pinned range source needs. Each call is
 * exactly one request (one attempt); retries, statistics, bounds and the tail are handled by the
 * source built with {@link RemoteRangeSource#open}. Implemented for HTTP(S) here and for S3 in
 * {@code easystore-s3}.
 *
 * <p>Implementations must be thread-safe. They report failures with the typed exceptions of this
 * package: {@link TransientRemoteException} for what a retry may cure, {@link ObjectChangedException}
 * when the pinned version is gone, {@link RemoteProtocolException} for protocol violations,
 * {@link java.nio.file.NoSuchFileException} and {@link java.nio.file.AccessDeniedException} at open.
 */
public interface RangeTransport extends Closeable {

  /** The object's name for messages (without credentials). */
  String name();

  /** Where the object lives, for cache keys (the name, unless the name hides something that matters). */
  default String location() {
    return name();
  }

  /**
   * One request for the last {@code n} bytes, which also reveals the size and the version
   * (HTTP {@code Range: bytes=-n}). An object shorter than {@code n} comes back whole.
   */
  Tail fetchTail(int n) throws IOException;

  /**
   * One request for exactly {@code length} bytes at {@code offset} of the {@code pinned} version.
   * The caller guarantees {@code 0 <= offset}, {@code 0 < length} and {@code offset + length <= pinned.size()}.
   *
   * @return exactly {@code length} bytes; anything else must be thrown ({@link ShortReadException}
   *     for a truncated body)
   */
  byte[] fetch(long offset, int length, ObjectVersion pinned) throws IOException;

  /**
   * A transport for the sibling object {@code relativeKey} (an external body) next to this one,
   * sharing this transport's client and settings; the key satisfies
   * {@link io.easystore.internal.io.SiblingKeys} (the caller has checked it). Sends no request. Closing the
   * sibling leaves this transport's client open.
   */
  default RangeTransport sibling(String relativeKey) throws IOException {
    throw new IOException(name() + ": this transport cannot open sibling objects (external bodies)");
  }

  /**
   * The answer to the opening request.
   *
   * @param version the version found, whose size is the object's length
   * @param bytes the last {@code bytes.length} bytes of the object
   * @param requests the requests it took: 1, unless the protocol needed a second one (an empty S3
   *     object, whose suffix range is unsatisfiable, needs a HEAD), so the counters stay exact
   */
  record Tail(ObjectVersion version, byte[] bytes, int requests) {
    public Tail {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.length > version.size()) {
        throw new IllegalArgumentException("tail of " + bytes.length + " bytes exceeds size " + version.size());
      }
      if (requests < 1) {
        throw new IllegalArgumentException("a tail takes at least one request, got " + requests);
      }
    }

    /** A tail fetched with one request. */
    public Tail(ObjectVersion version, byte[] bytes) {
      this(version, bytes, 1);
    }
  }
}
