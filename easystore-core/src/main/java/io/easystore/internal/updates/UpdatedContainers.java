package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.internal.common.Tail;
import io.easystore.internal.v2.V2ContainerReader;
import io.easystore.internal.v2.V2Header;
import io.easystore.internal.io.LockFiles;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens DES v2 containers that may be updated in place (docs/FORMAT.md, "DES v2 updates"). For a
 * local file it reads the header's update anchor (so that an incomplete commit at the end is
 * ignored) and, when the container has a lock file, leases the generation it opens so that no
 * writer overwrites space this snapshot still uses; the lease is checked after it is taken and the
 * open retried on the newest state if the writer moved on by more than one commit meanwhile.
 * Remote sources are opened from their tail alone. Stateless.
 */
public final class UpdatedContainers {
  private static final int MAX_ATTEMPTS = 200;

  private UpdatedContainers() {}

  /**
   * Opens {@code source}, whose tail holds a footer of {@code version} (-1: none readable, with
   * {@code tailProblem} saying why). The reader owns the source, which is closed on failure.
   */
  public static DesReader open(RangeSource source, ReaderOptions options, Tail tail, int version,
      CorruptContainerException tailProblem) throws IOException {
    Path local = RangeSources.localPath(source);
    if (local == null) {
      if (version == io.easystore.internal.common.Formats.V2) {
        return V2ContainerReader.open(source, options, tail);
      }
      if (tailProblem != null) {
        throw tailProblem;
      }
      CommitState st = CommitState.locate(source, options, false);
      return st.reader(source, options, null, null);
    }
    if (version == io.easystore.internal.common.Formats.V2 && isPlain(source, tail, local)) {
      return V2ContainerReader.open(source, options, tail);
    }
    RangeSource current = source;
    for (int attempt = 1; ; attempt++) {
      Closeable lease = null;
      try {
        CommitState st;
        try {
          st = CommitState.locate(current, options, true);
        } catch (CorruptContainerException | io.easystore.UnsupportedVersionException e) {
          // A commit that finished after the length was taken may have moved the anchor past it:
          // if the file changed meanwhile, the next attempt sees a consistent state.
          if (attempt >= MAX_ATTEMPTS || Files.size(local) == current.size()) {
            throw e;
          }
          st = null;
        }
        lease = st == null ? null : io.easystore.io.Location.of(local.toAbsolutePath().getParent())
            .lease(local.getFileName().toString(), st.generation()).orElse(null);
        if (st != null && lease != null
            && (lease == LockFiles.NO_LEASE || stillProtected(local, current, options, st))) {
          return reader(current, options, st, lease, attempt == 1 ? tail : null);
        }
      } catch (IOException | RuntimeException | Error e) {
        closeQuietly(lease, e);
        closeQuietly(current, e);
        if ((e instanceof CorruptContainerException || e instanceof io.easystore.UnsupportedVersionException)
            && tailProblem != null && e != tailProblem) {
          e.addSuppressed(tailProblem);
        }
        throw e;
      }
      closeQuietly(lease, null);
      current.close();
      if (attempt >= MAX_ATTEMPTS) {
        throw new IOException(local + ": the container changed under every one of " + MAX_ATTEMPTS
            + " attempts to open a consistent snapshot; is a writer committing in a tight loop?");
      }
      if (attempt > 3) {
        sleep(Math.min(50, attempt));
      }
      current = RangeSources.file(local);
    }
  }

  /**
   * Whether a local file ending with a v2 footer is a plain container no updater ever touched: no
   * update anchor in its header and no lock file. (A lock file created right after this check
   * means an updater that protects all space existing now, see the format's protected_end.)
   */
  private static boolean isPlain(RangeSource source, Tail tail, Path local) throws IOException {
    ByteBuffer h = tail.slice(0, io.easystore.internal.v2.V2Footer.HEADER_SIZE);
    byte[] header = new byte[io.easystore.internal.v2.V2Footer.HEADER_SIZE];
    if (h != null) {
      h.get(header);
    } else {
      source.readFully(0, ByteBuffer.wrap(header));
    }
    return V2Header.readAnchor(header, 0) == 0 && !Files.exists(LockFiles.lockFileOf(local));
  }

  private static DesReader reader(RangeSource source, ReaderOptions options, CommitState st, Closeable lease,
      Tail tail) throws IOException {
    if (st.record() == null && !st.tornTail() && st.anchor() == 0) {
      // A plain v2 container: the plain reader, unchanged, with the lease released on close.
      RangeSource leased = lease == LockFiles.NO_LEASE ? source : new LeasedSource(source, lease);
      Tail t = tail != null ? tail : readTail(source, options);
      return V2ContainerReader.open(leased, options, t);
    }
    return st.reader(source, options, null, lease == LockFiles.NO_LEASE ? null : lease);
  }

  private static Tail readTail(RangeSource source, ReaderOptions options) throws IOException {
    long size = source.size();
    int len = (int) Math.min(size, options.tailBytes());
    ByteBuffer b = ByteBuffer.allocate(len);
    source.readFully(size - len, b);
    b.flip();
    return new Tail(size - len, b);
  }

  /**
   * Whether space of generation {@code st} is still intact now that the lease is held: the writer
   * reuses space freed at generation f only while no lease below f exists, and space the state
   * {@code g} uses is freed at g + 1 at the earliest, so it is only reusable from commit g + 2 on.
   * An unchanged file length means no commit happened (every commit appends).
   */
  private static boolean stillProtected(Path local, RangeSource source, ReaderOptions options, CommitState st)
      throws IOException {
    if (Files.size(local) == source.size()) {
      return true;
    }
    try (RangeSource now = RangeSources.file(local)) {
      return CommitState.locate(now, options, true).generation() <= st.generation() + 1;
    } catch (CorruptContainerException | io.easystore.UnsupportedVersionException e) {
      // Changing as we look: try again from the start.
      return false;
    }
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while opening a container");
    }
  }

  private static void closeQuietly(Closeable c, Throwable primary) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  /** A source whose close also ends a lease. */
  private static final class LeasedSource extends io.easystore.io.ForwardingRangeSource {
    private final Closeable lease;

    LeasedSource(RangeSource delegate, Closeable lease) {
      super(delegate);
      this.lease = lease;
    }

    @Override
    public void close() throws IOException {
      try {
        delegate.close();
      } finally {
        lease.close();
      }
    }
  }
}
