package io.easystore.nio;

import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import io.easystore.nio.DesFsOptions.CommitPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The container behind a file system: a {@link DesReader} for a read-only one, a
 * {@link DesUpdater} for a writable one. Reads lease the current state ({@link #view()}); changes
 * run one at a time under a lock ({@link #mutate}), after which the next read takes a fresh view
 * of the updater, so the file system reads its own pending writes.
 *
 * <p>Thread-safe: the updater is only touched under the lock, readers are thread-safe.
 */
final class Backend implements Closeable {
  /** A change made with the updater, given a view of the state before it. */
  @FunctionalInterface
  interface Mutation<T> {
    T apply(DesUpdater updater, DesReader before) throws IOException;
  }

  private final DesUpdater updater;
  private final CommitPolicy policy;
  /** Serialises use of the updater, which is not thread-safe. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Guards {@link #current} only, so reads lease the current view while a long change runs. */
  private final Object viewLock = new Object();
  private View.Shared current; // guarded by viewLock; replaced only while holding lock too

  private Backend(DesReader reader, DesUpdater updater, CommitPolicy policy) {
    this.updater = updater;
    this.policy = policy;
    this.current = reader == null ? null : new View.Shared(reader);
  }

  static Backend readOnly(DesReader reader) {
    return new Backend(reader, null, CommitPolicy.CLOSE);
  }

  static Backend readWrite(DesUpdater updater, CommitPolicy policy) {
    return new Backend(null, updater, policy);
  }

  boolean isReadOnly() {
    return updater == null;
  }

  /**
   * A lease on the current state; close it when done. While a change is running this is the
   * state before it, so reads never wait for a long write.
   */
  View view() throws IOException {
    synchronized (viewLock) {
      if (current != null) {
        return current.lease();
      }
    }
    lock.lock();
    try {
      synchronized (viewLock) {
        if (current == null) {
          current = new View.Shared(updater.view());
        }
        return current.lease();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one change against the updater: checks and change happen under one lock, so they are
   * atomic with respect to other changes through this file system. Commits afterwards under the
   * {@code write} policy.
   */
  <T> T mutate(Mutation<T> m) throws IOException {
    lock.lock();
    try (View before = view()) {
      try {
        return m.apply(updater, before.reader());
      } finally {
        invalidate();
        if (policy == CommitPolicy.WRITE && updater.hasPendingChanges()) {
          updater.commit();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Publishes pending changes now. A no-op for a read-only container. */
  void sync() throws IOException {
    if (updater == null) {
      return;
    }
    lock.lock();
    try {
      updater.commit();
    } finally {
      lock.unlock();
    }
  }

  private void invalidate() throws IOException {
    View.Shared old;
    synchronized (viewLock) {
      if (updater == null || current == null) {
        return;
      }
      old = current;
      current = null;
    }
    old.retire();
  }

  /**
   * Commits when the policy says so ({@code close}; {@code sync} and {@code write} have nothing
   * left to publish that they would keep), then releases the updater's lock or the reader. Views
   * still leased stay readable until released.
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      IOException failure = null;
      if (updater != null) {
        try {
          if (policy != CommitPolicy.SYNC) {
            updater.commit();
          }
        } catch (IOException e) {
          failure = e;
        }
        try {
          updater.close();
        } catch (IOException e) {
          failure = add(failure, e);
        }
      }
      View.Shared old;
      synchronized (viewLock) {
        old = current;
        current = null;
      }
      if (old != null) {
        try {
          old.retire();
        } catch (IOException e) {
          failure = add(failure, e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      lock.unlock();
    }
  }

  private static IOException add(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
