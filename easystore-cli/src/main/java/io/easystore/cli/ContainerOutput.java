package io.easystore.cli;

import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creating the container a command writes, and its size afterwards, wherever it goes. */
final class ContainerOutput {
  private ContainerOutput() {}

  /** A writer for a path or an {@code s3://} location; nothing is visible until it is closed. */
  static DesWriter create(String location, WriterOptions options, RemoteOptionsMixin remote) throws IOException {
    return DesWriter.create(Sub.createSink(location, remote.toRemoteOptions()), options);
  }

  /** Bytes of a local container, or -1 for a remote one. */
  static long size(String location) {
    if (location.contains("://")) {
      return -1;
    }
    try {
      return Files.size(Path.of(location));
    } catch (IOException e) {
      return -1;
    }
  }

  /** Discards a writer after a failure, keeping the failure as the reported exception. */
  static void abort(DesWriter w, Throwable failure) {
    try {
      w.abort();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
