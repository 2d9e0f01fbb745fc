package io.easystore.nio;

import io.easystore.DesReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lease on one state of the container: a reader that stays open until the operation, stream,
 * channel or directory stream holding the lease lets it go, even when later writes have replaced
 * it as the file system's current state. The reader is closed when its last lease is released.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
final class View implements Closeable {
  private final Shared shared;
  private final AtomicBoolean released = new AtomicBoolean();

  private View(Shared shared) {
    this.shared = shared;
  }

  /** A shared reader; the creator's own reference is released with {@link #retire()}. */
  static final class Shared {
    private final DesReader reader;
    private final AtomicInteger refs = new AtomicInteger(1);

    Shared(DesReader reader) {
      this.reader = reader;
    }

    /** A new lease; only while this state is current (under the lock its replacement takes), never after {@link #retire()}. */
    View lease() {
      refs.incrementAndGet();
      return new View(this);
    }

    /** Drops the creator's reference: the reader closes once the last lease is gone. */
    void retire() throws IOException {
      release();
    }

    private void release() throws IOException {
      if (refs.decrementAndGet() == 0) {
        reader.close();
      }
    }
  }

  DesReader reader() {
    return shared.reader;
  }

  @Override
  public void close() throws IOException {
    if (released.compareAndSet(false, true)) {
      shared.release();
    }
  }
}
