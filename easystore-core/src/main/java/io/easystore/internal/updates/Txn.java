package io.easystore.internal.updates;

import io.easystore.internal.io.LockFiles;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction an updater has open: staged changes, where new bodies go, and what the commit
 * will free.
 *
 * <p>Placement: a body goes to the smallest free extent that fits, among extents freed at or
 * before the reuse guard's limit (taken once per transaction, see {@link LockFiles#guard}), else
 * to the end of the file. Before anything is written past the committed end, the header's update
 * anchor is made to name that end (durably), so that a crash leaves a tail readers skip.
 *
 * <p>Not thread-safe: the updater's thread owns it.
 */
final class Txn implements Closeable {
  final Staging staging = new Staging();
  private final ContainerFile file;
  private final java.nio.file.Path container;
  private CommitState state;
  private FreeSpace free;
  private final List<long[]> freed = new ArrayList<>();
  private long appendPos;
  private long anchorOnDisk;
  private LockFiles.Guard guard;
  private boolean widened;
  private long sessionProtectedEnd;

  /**
   * @param sessionProtectedEnd space below this offset may be in use by readers that opened the
   *     container before its lock file existed (0 when the lock file was there already)
   */
  Txn(ContainerFile file, java.nio.file.Path container, CommitState state, long sessionProtectedEnd) {
    this.file = file;
    this.container = container;
    this.anchorOnDisk = state.anchor();
    this.sessionProtectedEnd = sessionProtectedEnd;
    reset(state);
  }

  /** A compacted file is a new file, whose generations start again: the old guard means nothing there. */
  void compacted(CommitState fresh) {
    sessionProtectedEnd = 0;
    closeGuard();
    reset(fresh);
  }

  long protectedEnd() {
    return free.protectedEnd();
  }

  /**
   * Starts over on {@code committed}: nothing staged, nothing placed. The reuse guard is kept: it
   * only covers generations older than every committed state since, so it stays correct, and
   * taking it again each transaction would cost a round trip to the lock thread.
   */
  void reset(CommitState committed) {
    state = committed;
    staging.clear();
    freed.clear();
    CommitRecord rec = committed.record();
    // Built from the record, so extents of a rolled-back transaction are free again.
    free = new FreeSpace(rec == null ? List.of() : rec.free(),
        Math.max(committed.protectedEnd(), sessionProtectedEnd));
    appendPos = committed.committedEnd();
    widened = false;
  }

  /** The anchor was rewritten elsewhere (a fresh file after compaction). */
  void anchorIs(long anchor) {
    anchorOnDisk = anchor;
  }

  CommitState state() {
    return state;
  }

  FreeSpace free() {
    return free;
  }

  long appendPos() {
    return appendPos;
  }

  /** Runs freed by this transaction: {offset, length}. */
  List<long[]> freed() {
    return freed;
  }

  /** Where a stored body of {@code length} bytes goes. */
  long place(long length) throws IOException {
    if (length == 0) {
      return appendPos;
    }
    long at = free.allocate(length, guardLimit(false));
    if (at < 0 && mayWiden(length)) {
      at = free.allocate(length, guardLimit(true));
    }
    if (at >= 0) {
      return at;
    }
    at = appendStart();
    appendPos = at + length;
    return at;
  }

  /** Where a compact segment of {@code length} bytes goes: free space at or after {@code minOffset}, else the end. */
  long placeSegment(long length, long minOffset) throws IOException {
    long at = free.allocateFrom(length, guardLimit(false), minOffset);
    if (at < 0 && mayWiden(length)) {
      at = free.allocateFrom(length, guardLimit(true), minOffset);
    }
    if (at >= 0) {
      return at;
    }
    at = appendStart();
    appendPos = at + length;
    return at;
  }

  /** Whether a wider guard could help this allocation: at most once per transaction, when space would fit. */
  private boolean mayWiden(long length) {
    if (widened || guard.limit() >= state.generation() || !free.fits(length)) {
      return false;
    }
    widened = true;
    return true;
  }

  /**
   * The limit of the reuse guard, taking it if none is held, or taking a wider one (up to the
   * committed generation) when {@code widen} is set.
   */
  private long guardLimit(boolean widen) throws IOException {
    if (guard == null || widen) {
      closeGuard();
      guard = LockFiles.guard(container, state.generation());
    }
    return guard.limit();
  }

  /** The append position, after making sure the anchor names the committed end. */
  long appendStart() throws IOException {
    if (anchorOnDisk != state.committedEnd()) {
      file.writeAnchor(state.committedEnd(), state.uuid());
      anchorOnDisk = state.committedEnd();
    }
    return appendPos;
  }

  /** Records that {@code length} bytes were appended at {@code start} (a streamed body). */
  void appended(long start, long length) {
    appendPos = Math.max(appendPos, start + length);
  }

  /** Space the commit frees (bodies, metadata records) once no committed state refers to it. */
  void freeLater(long offset, long length) {
    if (length > 0) {
      freed.add(new long[] {offset, length});
    }
  }

  /** The header anchor as written (for the commit, which moves it). */
  void anchorWritten(long anchor) {
    anchorOnDisk = anchor;
  }

  /** Drops everything staged and cuts off what was appended. */
  void rollback() throws IOException {
    if (appendPos > state.committedEnd()) {
      file.truncate(state.committedEnd());
    }
    reset(state);
  }

  private void closeGuard() {
    if (guard != null) {
      try {
        guard.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        guard = null;
      }
    }
  }

  @Override
  public void close() {
    closeGuard();
  }
}
