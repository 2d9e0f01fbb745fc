package io.easystore.s3;

import io.easystore.io.ContainerSink;
import io.easystore.io.RequestStats;
import io.easystore.remote.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes a container to S3 as a multipart upload, holding at most one part in memory. Nothing is
 * visible under the key until {@link #publish()} completes the upload (S3 makes the whole object
 * appear at once); {@link #close()} before that aborts the upload, so no part lingers or shows.
 * A container no larger than one part is sent as a single PutObject instead.
 *
 * <p>Every part carries {@code Content-MD5}, so the store rejects a part damaged in transit. Each
 * request is retried under the {@link RetryPolicy}; parts are idempotent (same number, same bytes).
 *
 * <p>Not thread-safe: one writer thread owns a sink. {@link #write} copies the caller's bytes
 * into the part buffer and keeps no reference to the caller's buffer.
 */
public final class S3MultipartSink implements ContainerSink {
  /** S3's smallest part (except the last one). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  /** The default part size: 8 MiB, so about 80 GB fit in S3's 10,000 parts. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
  /** S3's largest part. */
  public static final int MAX_PART_SIZE = 1 << 30;
  static final int MAX_PARTS = 10_000;

  private final S3Client client;
  private final boolean ownsClient;
  private final S3Location location;
  private final RetryPolicy retry;
  private final RequestStats stats = new RequestStats();
  private final byte[] part;
  private final S3Uploads uploads;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private long position;
  private String uploadId;
  private String publishedEtag;
  private boolean published;
  private boolean publishFailed;
  private boolean closed;
  private final List<S3MultipartSink> siblings = new ArrayList<>();

  private S3MultipartSink(S3Client client, boolean ownsClient, S3Location location, int partSize, RetryPolicy retry) {
    if (location.versionId() != null) {
      throw new IllegalArgumentException("cannot write to a specific version: " + location);
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException("part size must be 5 MiB..1 GiB, got " + partSize);
    }
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.location = location;
    this.retry = Objects.requireNonNull(retry, "retry");
    this.part = new byte[partSize];
    this.uploads = new S3Uploads(client, location);
  }

  /** A sink using a client the caller keeps and closes. */
  public static S3MultipartSink create(S3Client client, S3Location location, int partSize, RetryPolicy retry) {
    return new S3MultipartSink(client, false, location, partSize, retry);
  }

  /** A sink that owns {@code client} and closes it with itself. */
  static S3MultipartSink createOwning(S3Client client, S3Location location, int partSize, RetryPolicy retry) {
    return new S3MultipartSink(client, true, location, partSize, retry);
  }

  @Override
  public String name() {
    return location.toString();
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    ensureOpen();
    while (src.hasRemaining()) {
      if (filled == part.length) {
        if (parts.size() + 1 >= MAX_PARTS) {
          throw new IOException(name() + ": more than " + MAX_PARTS + " parts of " + part.length
              + " bytes; use a larger part size (s3.partSize)");
        }
        // A full part is sent only once more data arrives, so a container of exactly one part
        // still goes out as one PutObject.
        uploadPart();
      }
      int n = Math.min(src.remaining(), part.length - filled);
      src.get(part, filled, n);
      filled += n;
      position += n;
    }
  }

  @Override
  public long position() {
    return position;
  }

  /** The part buffer's size: the most memory this sink holds. */
  public int partSize() {
    return part.length;
  }

  /** Parts uploaded so far (0 if the container went out as one PutObject). */
  public int partsUploaded() {
    return parts.size();
  }

  @Override
  public String siblingBaseName() {
    String key = location.key();
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Override
  public String siblingPrefix() {
    String key = location.key();
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  /**
   * A sink for {@code relativeKey} under this container's prefix in the same bucket, with the same
   * client, part size and retry policy. Closing this sink unpublished deletes the siblings it made.
   */
  @Override
  public ContainerSink sibling(String relativeKey) throws IOException {
    ensureOpen();
    S3Location at = S3Location.of(location.bucket(), io.easystore.internal.io.SiblingKeys.resolve(location.key(), relativeKey));
    S3MultipartSink s = new S3MultipartSink(client, false, at, part.length, retry);
    siblings.add(s);
    return s;
  }

  /** Requests and bytes sent so far, this container's and its siblings'. */
  public RequestStats.Snapshot stats() {
    RequestStats.Snapshot total = stats.snapshot();
    for (S3MultipartSink s : siblings) {
      RequestStats.Snapshot x = s.stats();
      total = new RequestStats.Snapshot(total.requests() + x.requests(), total.bytes() + x.bytes(),
          total.retries() + x.retries());
    }
    return total;
  }

  /** The published object's ETag, once published. */
  public Optional<String> publishedEtag() {
    return Optional.ofNullable(publishedEtag);
  }

  private void uploadPart() throws IOException {
    if (uploadId == null) {
      uploadId = retry.execute(name(), stats, () -> call(() -> uploads.create()));
    }
    int number = parts.size() + 1;
    String md5 = md5(part, filled);
    int len = filled;
    String etag = retry.execute(name(), stats, () -> call(() -> uploads.uploadPart(uploadId, number, body(len), len, md5)));
    stats.recordBytes(len);
    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    filled = 0;
  }

  private RequestBody body(int len) {
    // A fresh stream over the same buffer for every attempt; no copy of the part is made.
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, len), len, "application/octet-stream");
  }

  @Override
  public void publish() throws IOException {
    ensureOpen();
    // A failed publish may have sent the last part already; only close() (abort) is safe after it.
    publishFailed = true;
    if (uploadId == null) {
      String md5 = md5(part, filled);
      int len = filled;
      publishedEtag = retry.execute(name(), stats, () -> call(() -> uploads.put(body(len), len, md5)));
      stats.recordBytes(len);
    } else {
      uploadPart();
      publishedEtag = complete();
    }
    publishFailed = false;
    published = true;
    closed = true;
    closeClient();
  }

  private String complete() throws IOException {
    int[] attempt = {0};
    return retry.execute(name(), stats, () -> {
      attempt[0]++;
      try {
        return uploads.complete(uploadId, parts);
      } catch (SdkException e) {
        // A retried Complete whose first attempt succeeded unseen finds the upload gone; the
        // object is then there with our size.
        if (attempt[0] > 1 && "NoSuchUpload".equals(S3Errors.code(e))) {
          try {
            Optional<String> etag = uploads.etagIfSize(position);
            if (etag.isPresent()) {
              return etag.get();
            }
          } catch (SdkException head) {
            e.addSuppressed(head);
          }
        }
        throw S3Errors.map(name(), e, null);
      }
    });
  }

  private <T> T call(SdkCall<T> c) throws IOException {
    try {
      return c.run();
    } catch (SdkException e) {
      throw S3Errors.map(name(), e, null);
    }
  }

  @FunctionalInterface
  private interface SdkCall<T> {
    T run();
  }

  private static String md5(byte[] b, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update(b, 0, len);
      return Base64.getEncoder().encodeToString(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private void ensureOpen() throws IOException {
    if (publishFailed) {
      throw new IOException(name() + ": an earlier publish failed; close() to abort the upload");
    }
    if (closed) {
      throw new IOException(name() + ": sink already " + (published ? "published" : "closed"));
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (uploadId != null) {
        String id = uploadId;
        retry.execute(name(), stats, () -> call(() -> {
          uploads.abort(id);
          return null;
        }));
      }
    } finally {
      try {
        removeSiblings();
      } finally {
        closeClient();
      }
    }
  }

  /** Aborts or deletes the siblings of a container that was not published. */
  private void removeSiblings() throws IOException {
    IOException first = null;
    for (S3MultipartSink s : siblings) {
      try {
        s.close();
        if (s.published) {
          retry.execute(s.name(), stats, () -> s.call(() -> {
            s.uploads.delete();
            return null;
          }));
        }
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    siblings.clear();
    if (first != null) {
      throw first;
    }
  }

  private void closeClient() {
    if (ownsClient) {
      client.close();
    }
  }
}
