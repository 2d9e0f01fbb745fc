package io.easystore.s3;

import io.easystore.remote.ObjectChangedException;
import io.easystore.remote.ObjectVersion;
import io.easystore.remote.TransientRemoteException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps SDK exceptions onto the typed exceptions of {@code io.easystore.remote}. */
final class S3Errors {
  private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
      "RequestTimeout", "InternalError", "ServiceUnavailable", "RequestLimitExceeded");

  private S3Errors() {}

  static int status(SdkException e) {
    return e instanceof AwsServiceException a ? a.statusCode() : 0;
  }

  static String code(SdkException e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
      return a.awsErrorDetails().errorCode();
    }
    return "";
  }

  /**
   * @param pinned the version being read, or null while opening or writing (a 404 is then a
   *     missing object rather than a changed one)
   */
  static IOException map(String name, SdkException e, ObjectVersion pinned) {
    if (e instanceof AwsServiceException a) {
      int s = a.statusCode();
      String code = code(e);
      String detail = "S3 " + s + (code.isEmpty() ? "" : " " + code) + ": " + message(a);
      if (s == 412) {
        return new ObjectChangedException(name, String.valueOf(pinned), detail);
      }
      if (s == 404 && !code.equals("NoSuchBucket") && !code.equals("NoSuchUpload")) {
        return pinned == null ? new NoSuchFileException(name, null, detail)
            : new ObjectChangedException(name, pinned.toString(), detail + " (deleted)");
      }
      if (s == 401 || s == 403) {
        AccessDeniedException denied = new AccessDeniedException(name, null, detail);
        denied.initCause(e);
        return denied;
      }
      if (s == 429 || s >= 500 || TRANSIENT_CODES.contains(code)) {
        return new TransientRemoteException(name + ": " + detail, s, null, e);
      }
      return new IOException(name + ": " + detail, e);
    }
    if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
      // The SDK's text names every provider of its chain (about 1,500 characters); the cause keeps it.
      return new io.easystore.remote.RemoteSetupException(name, io.easystore.remote.RemoteSetupException.Missing.CREDENTIALS,
          "no AWS credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or a role)", e);
    }
    if (e instanceof ApiCallAttemptTimeoutException || e.getCause() instanceof IOException
        || (e instanceof SdkClientException && e.retryable())) {
      return new TransientRemoteException(name + ": " + e.getMessage(), 0, null, e);
    }
    return new IOException(name + ": " + e.getMessage(), e);
  }

  /** The SDK's message up to its first " : [" or "(", where its lists of providers begin. */
  static String firstSentence(SdkException e) {
    String m = String.valueOf(e.getMessage());
    int cut = m.length();
    for (String stop : new String[] {" : [", "(", ". "}) {
      int i = m.indexOf(stop);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return m.substring(0, cut).strip();
  }

  private static String message(AwsServiceException a) {
    String m = a.awsErrorDetails() != null ? a.awsErrorDetails().errorMessage() : null;
    return m != null ? m : String.valueOf(a.getMessage());
  }
}
