package io.easystore.internal.v2;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.common.Spool;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts index entries by key within a memory budget: entries accumulate in an arena of byte
 * chunks; when the arena reaches the budget it is sorted and written out as a run, and
 * {@link #finish()} merges the runs (at most {@link #MAX_FAN_IN} at a time). Directory entries
 * with the same key are merged; any other repeated key is a duplicate and fails the merge.
 *
 * <p>Not thread-safe. {@link #close()} deletes the runs.
 */
public final class EntrySorter implements Closeable {
  static final int MAX_FAN_IN = 64;

  /** Sees every run's entries in sorted order (used to size index pages before the merge). */
  interface RunObserver {
    void sorted(EntryFields e);

    void endRun();
  }

  /** A stream of entries in key order. */
  interface Source {
    boolean next(EntryFields into) throws IOException;
  }

  private final long budget;
  private final Path tempDir;
  private final RunObserver observer;
  private final int chunkSize;
  private final List<byte[]> chunks = new ArrayList<>();
  private final ByteBuilder scratch = new ByteBuilder(256);
  private final List<Spool> runs = new ArrayList<>();
  private long[] refs = new long[1024];
  private int refCount;
  private int chunkPos;
  private long total;

  public EntrySorter(long budget, Path tempDir, RunObserver observer) {
    this.budget = budget;
    this.tempDir = tempDir;
    this.observer = observer;
    this.chunkSize = (int) Math.max(256, Math.min(1 << 20, budget / 4));
  }

  long count() {
    return total;
  }

  int runCount() {
    return runs.size();
  }

  public void add(EntryFields e) throws IOException {
    scratch.clear();
    RecordCodec.encode(scratch, e);
    int len = scratch.size();
    if (chunks.isEmpty() || chunkPos + len > chunks.get(chunks.size() - 1).length) {
      chunks.add(new byte[Math.max(chunkSize, len)]);
      chunkPos = 0;
    }
    byte[] chunk = chunks.get(chunks.size() - 1);
    System.arraycopy(scratch.array(), 0, chunk, chunkPos, len);
    if (refCount == refs.length) {
      refs = Arrays.copyOf(refs, refs.length * 2);
    }
    refs[refCount++] = ((long) (chunks.size() - 1) << 32) | chunkPos;
    chunkPos += len;
    total++;
    if (memoryUsed() >= budget) {
      spill();
    }
  }

  private long memoryUsed() {
    long m = 8L * refCount;
    for (byte[] c : chunks) {
      m += c.length;
    }
    return m;
  }

  private final long[] tmpLen = new long[1];
  private final long[] tmpLen2 = new long[1];

  private int compareRefs(long a, long b) {
    byte[] ca = chunks.get((int) (a >>> 32));
    byte[] cb = chunks.get((int) (b >>> 32));
    int ka = RecordCodec.keyAt(ca, (int) a, tmpLen);
    int kb = RecordCodec.keyAt(cb, (int) b, tmpLen2);
    return Arrays.compareUnsigned(ca, ka, ka + (int) tmpLen[0], cb, kb, kb + (int) tmpLen2[0]);
  }

  private void sortArena() {
    long[] tmp = new long[refCount];
    mergeSort(refs, tmp, 0, refCount);
  }

  private void mergeSort(long[] a, long[] tmp, int from, int to) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        long x = a[i];
        int j = i - 1;
        while (j >= from && compareRefs(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    if (compareRefs(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compareRefs(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  private void observeSortedArena() {
    EntryFields e = new EntryFields();
    for (int i = 0; i < refCount; i++) {
      RecordCodec.decode(chunks.get((int) (refs[i] >>> 32)), (int) refs[i], e);
      observer.sorted(e);
    }
    observer.endRun();
  }

  private void spill() throws IOException {
    sortArena();
    observeSortedArena();
    Spool run = new Spool(tempDir, "des-sort-", 0);
    runs.add(run);
    try (OutputStream out = new SpoolOutput(run)) {
      EntryFields e = new EntryFields();
      for (int i = 0; i < refCount; i++) {
        byte[] chunk = chunks.get((int) (refs[i] >>> 32));
        int start = (int) refs[i];
        int end = RecordCodec.decode(chunk, start, e);
        RecordCodec.writeFramed(out, chunk, start, end - start);
      }
    }
    run.finishWriting();
    chunks.clear();
    refs = new long[1024];
    refCount = 0;
    chunkPos = 0;
  }

  /** The sorted, merged, duplicate-checked entries. Call once, after the last {@link #add}. */
  public Source finish() throws IOException {
    Source raw;
    if (runs.isEmpty()) {
      sortArena();
      observeSortedArena();
      raw = new Source() {
        private int i;

        @Override
        public boolean next(EntryFields into) {
          if (i >= refCount) {
            return false;
          }
          RecordCodec.decode(chunks.get((int) (refs[i] >>> 32)), (int) refs[i], into);
          i++;
          return true;
        }
      };
    } else {
      if (refCount > 0) {
        spill();
      }
      while (runs.size() > MAX_FAN_IN) {
        List<Spool> batch = new ArrayList<>(runs.subList(0, MAX_FAN_IN));
        runs.subList(0, MAX_FAN_IN).clear();
        Spool merged = new Spool(tempDir, "des-sort-", 0);
        try (OutputStream out = new SpoolOutput(merged)) {
          Source s = merge(batch);
          EntryFields e = new EntryFields();
          ByteBuilder b = new ByteBuilder(256);
          while (s.next(e)) {
            b.clear();
            RecordCodec.encode(b, e);
            RecordCodec.writeFramed(out, b.array(), 0, b.size());
          }
        } finally {
          for (Spool r : batch) {
            r.close();
          }
        }
        merged.finishWriting();
        runs.add(merged);
      }
      raw = merge(runs);
    }
    return new Deduplicator(raw);
  }

  private Source merge(List<Spool> inputs) throws IOException {
    PriorityQueue<RunCursor> heap = new PriorityQueue<>(Math.max(1, inputs.size()), RunCursor::compareTo);
    for (Spool s : inputs) {
      RunCursor c = new RunCursor(s.open());
      if (c.advance()) {
        heap.add(c);
      } else {
        c.in.close();
      }
    }
    return into -> {
      RunCursor c = heap.poll();
      if (c == null) {
        return false;
      }
      RecordCodec.decode(c.record.array(), 0, into);
      if (c.advance()) {
        heap.add(c);
      } else {
        c.in.close();
      }
      return true;
    };
  }

  private static final class RunCursor implements Comparable<RunCursor> {
    final InputStream in;
    final ByteBuilder record = new ByteBuilder(256);
    final long[] len = new long[1];
    int keyStart;

    RunCursor(InputStream in) {
      this.in = in;
    }

    boolean advance() throws IOException {
      if (!RecordCodec.readFramed(in, record)) {
        return false;
      }
      keyStart = RecordCodec.keyAt(record.array(), 0, len);
      return true;
    }

    @Override
    public int compareTo(RunCursor o) {
      return Arrays.compareUnsigned(record.array(), keyStart, keyStart + (int) len[0],
          o.record.array(), o.keyStart, o.keyStart + (int) o.len[0]);
    }
  }

  /** Merges repeated directory keys and refuses any other repeated key. */
  private static final class Deduplicator implements Source {
    private final Source in;
    private final EntryFields pending = new EntryFields();
    private final EntryFields following = new EntryFields();
    private boolean hasPending;
    private boolean started;

    Deduplicator(Source in) {
      this.in = in;
    }

    @Override
    public boolean next(EntryFields into) throws IOException {
      if (!started) {
        started = true;
        hasPending = in.next(pending);
      }
      if (!hasPending) {
        return false;
      }
      while (true) {
        boolean more = in.next(following);
        if (more && following.keyLength == pending.keyLength
            && Arrays.equals(following.key, 0, following.keyLength, pending.key, 0, pending.keyLength)) {
          if (!pending.isDirectory() || !following.isDirectory()) {
            String path = V2ContainerWriter.pathOfKey(pending.key, pending.keyLength);
            throw new FileAlreadyExistsException(path, null, pending.isDirectory() != following.isDirectory()
                ? "added both as a file and as a directory" : "duplicate entry path");
          }
          mergeDirectory(pending, following);
          continue;
        }
        into.copyFrom(pending);
        if (more) {
          pending.copyFrom(following);
        }
        hasPending = more;
        return true;
      }
    }

    /** Explicit attributes win over the absent ones of implied parent directories. */
    private static void mergeDirectory(EntryFields keep, EntryFields other) {
      int attrs = io.easystore.internal.v2.PageFormat.F_MTIME | io.easystore.internal.v2.PageFormat.F_MODE
          | io.easystore.internal.v2.PageFormat.F_META;
      if ((keep.flags & attrs) == 0 && (other.flags & attrs) != 0) {
        keep.copyFrom(other);
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Spool s : runs) {
      try {
        s.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    runs.clear();
    chunks.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Adapts a spool for buffered sequential writing. */
  private static final class SpoolOutput extends OutputStream {
    private final Spool spool;
    private final byte[] one = new byte[1];

    SpoolOutput(Spool spool) {
      this.spool = spool;
    }

    @Override
    public void write(int b) throws IOException {
      one[0] = (byte) b;
      spool.write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      spool.write(b, off, len);
    }
  }
}
