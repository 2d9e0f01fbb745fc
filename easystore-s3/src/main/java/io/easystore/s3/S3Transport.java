package io.easystore.s3;

import io.easystore.internal.remote.ContentRange;
import io.easystore.remote.ObjectChangedException;
import io.easystore.remote.ObjectVersion;
import io.easystore.remote.RangeTransport;
import io.easystore.remote.RemoteProtocolException;
import io.easystore.remote.ShortReadException;
import io.easystore.remote.TransientRemoteException;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Ranged GetObject requests, pinned with {@code If-Match} on the ETag and, in versioned buckets,
 * the version id. Thread-safe (the S3 client is).
 */
final class S3Transport implements RangeTransport {
  private final S3Client client;
  private final boolean ownsClient;
  private final S3Location location;
  private final String name;
  private final String cacheLocation;

  S3Transport(S3Client client, boolean ownsClient, S3Location location) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.location = location;
    this.name = location.toString();
    String endpoint = client.serviceClientConfiguration().endpointOverride().map(u -> u + "|").orElse("");
    this.cacheLocation = endpoint + name;
  }

  /** The object {@code relativeKey} under this object's prefix, read with the same client (not owned). */
  @Override
  public io.easystore.remote.RangeTransport sibling(String relativeKey) {
    return new S3Transport(client, false,
        S3Location.of(location.bucket(), io.easystore.internal.io.SiblingKeys.resolve(location.key(), relativeKey)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return cacheLocation;
  }

  @Override
  public Tail fetchTail(int n) throws IOException {
    GetObjectRequest.Builder req = GetObjectRequest.builder()
        .bucket(location.bucket()).key(location.key()).range("bytes=-" + n);
    if (location.versionId() != null) {
      req.versionId(location.versionId());
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = client.getObject(req.build());
    } catch (SdkException e) {
      if (S3Errors.status(e) == 416) {
        return emptyObject();
      }
      throw S3Errors.map(name, e, null);
    }
    try {
      GetObjectResponse r = in.response();
      long total;
      long first;
      if (r.contentRange() == null) {
        // A whole-object 200: acceptable only if the object fits in the tail.
        total = r.contentLength() == null ? -1 : r.contentLength();
        if (total < 0 || total > n) {
          throw new RemoteProtocolException(name + ": the store ignored the Range of the opening request", 200);
        }
        first = 0;
      } else {
        ContentRange cr = ContentRange.parse(r.contentRange(), name, 206);
        if (cr.isUnsatisfied() || cr.total() < 0 || cr.last() != cr.total() - 1 || cr.length() != Math.min(n, cr.total())) {
          throw new RemoteProtocolException(name + ": asked for the last " + n + " bytes, got Content-Range '"
              + r.contentRange() + "'", 206);
        }
        total = cr.total();
        first = cr.first();
      }
      byte[] body = readExactly(in, (int) (total - first), first);
      return new Tail(version(r.eTag(), r.versionId(), r.lastModified(), total), body);
    } catch (IOException | RuntimeException e) {
      abort(in, e);
      throw e;
    } finally {
      in.close();
    }
  }

  /** Drops the connection rather than draining a body nobody will read. */
  private static void abort(ResponseInputStream<?> in, Exception e) {
    try {
      in.abort();
    } catch (RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  /** Suffix ranges of an empty object are unsatisfiable (416); a HEAD then gives its version. */
  private Tail emptyObject() throws IOException {
    HeadObjectRequest.Builder req = HeadObjectRequest.builder().bucket(location.bucket()).key(location.key());
    if (location.versionId() != null) {
      req.versionId(location.versionId());
    }
    HeadObjectResponse h;
    try {
      h = client.headObject(req.build());
    } catch (SdkException e) {
      throw S3Errors.map(name, e, null);
    }
    long size = h.contentLength() == null ? -1 : h.contentLength();
    if (size != 0) {
      throw new RemoteProtocolException(name + ": HTTP 416 for a suffix range of an object of " + size + " bytes", 416);
    }
    return new Tail(version(h.eTag(), h.versionId(), h.lastModified(), 0), new byte[0], 2);
  }

  private static ObjectVersion version(String etag, String versionId, java.time.Instant modified, long size) {
    // "null" is what unversioned buckets report when asked for a version id.
    String v = versionId == null || versionId.equals("null") ? null : versionId;
    return new ObjectVersion(etag, v, modified == null ? null : modified.toString(), size);
  }

  @Override
  public byte[] fetch(long offset, int length, ObjectVersion pinned) throws IOException {
    long last = offset + length - 1;
    GetObjectRequest.Builder req = GetObjectRequest.builder()
        .bucket(location.bucket()).key(location.key()).range("bytes=" + offset + "-" + last);
    if (pinned.etag() != null) {
      req.ifMatch(pinned.etag());
    }
    String versionId = pinned.versionId() != null ? pinned.versionId() : location.versionId();
    if (versionId != null) {
      req.versionId(versionId);
    }
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = client.getObject(req.build());
    } catch (SdkException e) {
      if (S3Errors.status(e) == 416) {
        throw new ObjectChangedException(name, pinned.toString(), "HTTP 416 for bytes " + offset + "-" + last);
      }
      throw S3Errors.map(name, e, pinned);
    }
    try {
      GetObjectResponse r = in.response();
      if (!pinned.sameEtag(r.eTag())) {
        throw new ObjectChangedException(name, pinned.toString(), "ETag " + r.eTag());
      }
      if (r.contentRange() == null) {
        if (offset == 0 && length == pinned.size() && r.contentLength() != null && r.contentLength() == length) {
          return readExactly(in, length, 0);
        }
        throw new RemoteProtocolException(name + ": a whole object where 206 was expected for bytes "
            + offset + "-" + last, 200);
      }
      ContentRange cr = ContentRange.parse(r.contentRange(), name, 206);
      if (cr.total() >= 0 && cr.total() != pinned.size()) {
        throw new ObjectChangedException(name, pinned.toString(), "size " + cr.total());
      }
      if (cr.first() != offset || cr.last() != last) {
        throw new RemoteProtocolException(name + ": asked for bytes " + offset + "-" + last
            + ", got Content-Range '" + r.contentRange() + "'", 206);
      }
      return readExactly(in, length, offset);
    } catch (IOException | RuntimeException e) {
      abort(in, e);
      throw e;
    } finally {
      in.close();
    }
  }

  /** Reads exactly {@code length} bytes and checks that nothing follows. */
  private byte[] readExactly(ResponseInputStream<?> in, int length, long offset) throws IOException {
    byte[] b;
    int extra;
    try {
      b = in.readNBytes(length);
      extra = b.length == length ? in.read() : -1;
    } catch (IOException | SdkException e) {
      // The SDK reports a body cut short of its Content-Length as an SdkClientException.
      throw new TransientRemoteException(name + " @ offset " + offset + ": body broken off: " + e, 0, null, e);
    }
    if (b.length < length) {
      throw new ShortReadException(name, offset, length, b.length);
    }
    if (extra >= 0) {
      throw new RemoteProtocolException(name + " @ offset " + offset + ": body longer than the "
          + length + " bytes announced", 206);
    }
    return b;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
