package io.easystore.s3;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The S3 calls of an upload, one request each; errors are the SDK's, mapped by the caller. */
final class S3Uploads {
  private final S3Client client;
  private final S3Location location;

  S3Uploads(S3Client client, S3Location location) {
    this.client = client;
    this.location = location;
  }

  String create() {
    return client.createMultipartUpload(CreateMultipartUploadRequest.builder()
        .bucket(location.bucket()).key(location.key()).contentType("application/octet-stream").build()).uploadId();
  }

  String uploadPart(String uploadId, int number, RequestBody body, long length, String md5) {
    return client.uploadPart(b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
        .partNumber(number).contentLength(length).contentMD5(md5), body).eTag();
  }

  String put(RequestBody body, long length, String md5) {
    return client.putObject(b -> b.bucket(location.bucket()).key(location.key()).contentLength(length)
        .contentMD5(md5).contentType("application/octet-stream"), body).eTag();
  }

  String complete(String uploadId, List<CompletedPart> parts) {
    return client.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
        .bucket(location.bucket()).key(location.key()).uploadId(uploadId)
        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build()).eTag();
  }

  void delete() {
    client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
  }

  void abort(String uploadId) {
    client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
        .bucket(location.bucket()).key(location.key()).uploadId(uploadId).build());
  }

  /** The object's ETag if it exists with {@code size} bytes. */
  Optional<String> etagIfSize(long size) {
    try {
      HeadObjectResponse h = client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return h.contentLength() != null && h.contentLength() == size ? Optional.of(h.eTag()) : Optional.empty();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }
}
