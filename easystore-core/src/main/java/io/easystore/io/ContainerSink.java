package io.easystore.io;

import io.easystore.internal.io.SiblingKeys;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a writer sends a container, strictly sequentially: a temporary file that is moved into
 * place, or a multipart upload that is completed. Nothing becomes visible under the final name
 * until {@link #publish()} succeeds; {@link #close()} without a successful publish discards
 * everything written (deletes the temporary file, aborts the upload).
 *
 * <p>Not thread-safe: one writer thread owns a sink. {@link #write} consumes the buffer's
 * remaining bytes and does not keep a reference to it.
 */
public interface ContainerSink extends Closeable {

  /** The final name (path or URI) for messages. */
  String name();

  /** Appends all remaining bytes of {@code src}. */
  void write(ByteBuffer src) throws IOException;

  /** Appends {@code len} bytes of {@code b} from {@code off}. */
  default void write(byte[] b, int off, int len) throws IOException {
    write(ByteBuffer.wrap(b, off, len));
  }

  /**
   * The sink as a stream, for writers built on {@link java.io.OutputStream} (tar, compressors):
   * bytes go straight to {@link #write}; closing the stream neither publishes nor closes the sink.
   * Not buffered.
   */
  default java.io.OutputStream stream() {
    ContainerSink sink = this;
    return new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        sink.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        sink.write(b, off, len);
      }
    };
  }

  /** Bytes written so far, which is the offset the next byte will have in the container. */
  long position();

  /** Makes the container durable and visible under its final name, atomically. */
  void publish() throws IOException;

  /** Discards the container unless it was published. Idempotent. */
  @Override
  void close() throws IOException;

  /**
   * The container's own name (last path segment or key segment), from which the writer derives
   * sibling keys; null if this sink cannot create sibling objects.
   */
  default String siblingBaseName() {
    return null;
  }

  /**
   * The container's directory as a bucket-absolute key prefix (for S3: the key up to its last
   * {@code /}, without it), or "" when the sink has no bucket (a local file) or the container lies
   * at the bucket root. DES v1 writes external keys bucket-absolute, as the original writer does.
   */
  default String siblingPrefix() {
    return "";
  }

  /**
   * A sink for the sibling object {@code relativeKey} (an external body) next to the container:
   * same directory or bucket prefix; the key must satisfy {@link SiblingKeys}. The sibling becomes
   * visible when its own {@link #publish()} succeeds, which a writer does before it publishes the
   * container. If this container sink is closed without having been published, it removes every
   * sibling it created, published or not. One sibling at a time; the caller closes it.
   *
   * @throws IOException if this sink cannot create sibling objects
   */
  default ContainerSink sibling(String relativeKey) throws IOException {
    SiblingKeys.check(relativeKey);
    throw new IOException(name() + ": this sink cannot create sibling objects (external bodies)");
  }
}
