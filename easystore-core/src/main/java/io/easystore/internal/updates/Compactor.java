package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v2.PageFormat;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compaction and the checks an updater runs when it opens a container.
 *
 * <p>Compaction writes the live entries of the committed state, in key order (raw index fields,
 * no path decoding), into a fresh plain
 * v2 container beside the original ({@code NAME.compacting}): stored bodies are copied raw, never
 * recompressed (sequential reads through a 1 MiB window), dictionaries and the container UUID are
 * kept. The file is synced and renamed over the original, then the directory is synced. Readers
 * that have the old file open keep reading it (POSIX keeps a renamed-over file alive while open);
 * on Windows the rename fails while another process has the container open. A crash before the
 * rename leaves the original untouched and a stray {@code NAME.compacting}, deleted by the next
 * updater. Stateless.
 */
final class Compactor {
  private Compactor() {}

  static Path tempOf(Path container) {
    return container.resolveSibling(container.getFileName() + ".compacting");
  }

  /** Locates the committed state for an updater and checks that its free list is sane. */
  static CommitState locateForUpdate(ContainerFile file, ReaderOptions ro) throws IOException {
    long size = file.size();
    RangeSource src = file.source(size);
    if (size >= 72) {
      byte[] footer = src.readFully(size - 72, 72);
      if (footer[8] == 1 && java.util.Arrays.equals(footer, 0, 8, io.easystore.internal.v1.V1Footer.FOOTER_MAGIC, 0, 8)) {
        throw new IOException(file.name() + " is a DES v1 container; in-place updates need DES v2 (rewrite it with"
            + " 'des pack' or DesWriter)");
      }
    }
    CommitState st = CommitState.locate(src, ro, true);
    CommitRecord rec = st.record();
    if (rec == null) {
      return st;
    }
    TreeMap<Long, Long> used = new TreeMap<>();
    used.put(st.baseIndexStart(), st.baseEnd());
    for (int i = 0; i < st.deltaCount(); i++) {
      used.put(st.deltaStart(i), st.deltaEnd(i));
    }
    used.put(st.recordStart(), st.committedEnd());
    for (CommitRecord.Extent x : rec.free()) {
      Map.Entry<Long, Long> below = used.lowerEntry(x.end());
      if (below != null && below.getValue() > x.offset()) {
        throw new CorruptContainerException(file.name(), st.recordStart(), null, "free extent [" + x.offset() + ", "
            + x.end() + ") overlaps an index region [" + below.getKey() + ", " + below.getValue() + ")");
      }
    }
    return st;
  }

  /** Rewrites the committed state of {@code file} into a minimal container and returns its state. */
  static CommitState compact(ContainerFile file, CommitState st, WriterOptions wo, ReaderOptions ro,
      long bytesPerSecond, java.util.function.LongConsumer copied) throws IOException {
    Path target = file.path();
    Path temp = tempOf(target);
    RangeSource src = file.source(st.committedEnd());
    List<byte[]> dictionaries = st.dictionaries(src, ro);
    try (SegmentWriter w = SegmentWriter.container(new TempSink(file.location(), temp, target, bytesPerSecond), st.checksumKind(),
        st.uuid(),
        dictionaries, wo.tempDir(), wo.sortMemoryBytes())) {
      Window window = new Window(src, w);
      CommitState.Scan live = st.scanLive(src);
      EntryFields f = new EntryFields();
      while (live.next(f)) {
        byte[] meta = (f.flags & PageFormat.F_META) != 0 ? Committer.rawMeta(src, f) : null;
        boolean body = (f.flags & (IndexEntry.DIRECTORY | IndexEntry.EXTERNAL)) == 0;
        if (body && f.storedLength > 0) {
          f.dataOffset = window.copy(f.dataOffset, f.storedLength);
        } else if (body) {
          f.dataOffset = w.position();
        }
        w.add(f, meta);
        copied.accept(1);
      }
      w.finishAndPublish();
    } finally {
      io.easystore.internal.io.TempFiles.discard(temp);
    }
    file.reopen();
    return CommitState.locate(file.source(file.size()), ro, true);
  }

  /**
   * Copies bodies in key order. Bodies of one layer lie in key order, so most reads continue the
   * previous one: those are served from 1 MiB windows read sequentially. A body elsewhere (replaced
   * later, so appended out of key order) is read on its own, leaving the window in place.
   */
  private static final class Window {
    /** How far past the window a body may start and still count as the sequential continuation. */
    private static final int SLACK = 64 << 10;
    private final RangeSource src;
    private final SegmentWriter w;
    private final byte[] buf = new byte[1 << 20];
    private long start = -1;
    private int length;

    Window(RangeSource src, SegmentWriter w) {
      this.src = src;
      this.w = w;
    }

    long copy(long offset, long len) throws IOException {
      if (start >= 0 && offset >= start && offset + len <= start + length) {
        return w.writeBody(buf, (int) (offset - start), (int) len);
      }
      boolean sequential = start < 0 || (offset >= start + length && offset < start + length + SLACK);
      if (!sequential || len > buf.length) {
        return w.copyBody(src, offset, len);
      }
      length = (int) Math.min(buf.length, src.size() - offset);
      src.readFully(offset, ByteBuffer.wrap(buf, 0, length));
      start = offset;
      return w.writeBody(buf, 0, (int) len);
    }
  }

  /**
   * A new file beside the target, synced and renamed over it on publish; deleted otherwise. With a
   * rate limit, a write that gets ahead of it sleeps, which paces the whole rewrite.
   */
  static final class TempSink implements ContainerSink {
    private final io.easystore.io.Location dir;
    private final Path temp;
    private final Path target;
    private final FileChannel ch;
    private final long bytesPerSecond;
    private final long started = System.nanoTime();
    private long position;
    private boolean done;

    TempSink(Path temp, Path target, long bytesPerSecond) throws IOException {
      this(io.easystore.io.Location.of(target.toAbsolutePath().getParent()), temp, target, bytesPerSecond);
    }

    /** Publishes through {@code dir}, the directory of {@code target}. */
    TempSink(io.easystore.io.Location dir, Path temp, Path target, long bytesPerSecond) throws IOException {
      this.dir = dir;
      this.temp = temp;
      this.target = target;
      this.bytesPerSecond = bytesPerSecond;
      Files.deleteIfExists(temp);
      io.easystore.internal.io.TempFiles.register(temp);
      this.ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
      PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (from != null) {
        try {
          Files.setPosixFilePermissions(temp, from.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
          // Best effort: the compacted file then has the default permissions.
        }
      }
    }

    @Override
    public String name() {
      return target.toString();
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
      while (src.hasRemaining()) {
        position += ch.write(src);
      }
      if (bytesPerSecond > 0) {
        long due = (long) (position * 1e9 / bytesPerSecond) - (System.nanoTime() - started);
        if (due > 1_000_000) {
          try {
            Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("compaction of " + target + " interrupted");
          }
        }
      }
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void publish() throws IOException {
      ch.close();
      done = true;
      dir.publish(temp.getFileName().toString(), target.getFileName().toString());
      io.easystore.internal.io.TempFiles.forget(temp);
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        try {
          ch.close();
        } finally {
          io.easystore.internal.io.TempFiles.discard(temp);
        }
      }
    }
  }


}
