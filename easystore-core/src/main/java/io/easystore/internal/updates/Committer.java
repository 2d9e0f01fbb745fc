package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v2.PageFormat;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;

/**
 * Publishes a transaction (docs/FORMAT.md, "DES v2 updates: the commit protocol"):
 *
 * <ol>
 *   <li>merges the staged changes with the newest delta segments while those are at most twice
 *       as large as what is being merged (and always enough of them to stay within
 *       {@link #MAX_LIVE_SEGMENTS}), and writes the result as one new segment after the bodies;
 *   <li>frees the space of replaced bodies, superseded segments and the previous commit record,
 *       stamped with the new generation;
 *   <li>writes the commit block, syncs, writes the 72-byte commit footer, syncs: the commit point;
 *   <li>moves the header's update anchor to the new end and syncs.
 * </ol>
 *
 * Stateless.
 */
final class Committer {
  /** Delta segments a state keeps at most; older ones are merged into the new segment. */
  static final int MAX_LIVE_SEGMENTS = 8;
  /** Free extents listed at most; the smallest beyond are counted as unlisted dead bytes. */
  static final int MAX_LISTED_EXTENTS = 1 << 16;

  private Committer() {}

  /** Totals of the state being committed. */
  record Totals(long files, long dirs, long originalBytes, long storedBytes) {}

  /** Writes the commit and returns the new committed state. */
  static CommitState commit(Txn txn, ContainerFile file, Totals totals, WriterOptions wo, ReaderOptions ro)
      throws IOException {
    CommitState st = txn.state();
    CommitRecord prev = st.record();
    long gen = st.generation() + 1;
    NavigableMap<byte[], DeltaEntry> staged = txn.staging.merged();
    int n = st.deltaCount();
    long mergedCount = staged.size();
    int k = 0;
    while (k < n && (st.deltaEntries(k) <= 2 * mergedCount || n - k >= MAX_LIVE_SEGMENTS)) {
      mergedCount += st.deltaEntries(k);
      k++;
    }
    RangeSource committed = file.source(st.committedEnd());
    long[] span = writeSegment(txn, file, st, committed, staged, k, wo);
    List<Long> segments = new ArrayList<>();
    if (span != null) {
      segments.add(span[1]);
    }
    for (int i = k; i < n; i++) {
      segments.add(st.deltaEnd(i));
    }
    FreeSpace free = txn.free();
    for (long[] f : txn.freed()) {
      free.free(f[0], f[1], gen);
    }
    for (int i = 0; i < k; i++) {
      free.free(st.deltaStart(i), st.deltaEnd(i) - st.deltaStart(i), gen);
    }
    if (prev != null) {
      long recordStart = st.recordStart();
      free.free(recordStart, st.committedEnd() - recordStart, gen);
    }
    long blockStart = txn.appendStart();
    long unlisted = (prev == null ? 0 : prev.unlistedDeadBytes()) + free.unlisted() + free.capTo(MAX_LISTED_EXTENTS);
    CommitRecord draft = new CommitRecord(gen, blockStart, st.committedEnd(), st.baseEnd(), st.uuid(), segments,
        totals.files(), totals.dirs(), totals.originalBytes(), totals.storedBytes(), unlisted, txn.protectedEnd(),
        free.list());
    int length = draft.encode().length;
    CommitRecord rec = new CommitRecord(gen, blockStart + length, st.committedEnd(), st.baseEnd(), st.uuid(),
        segments, totals.files(), totals.dirs(), totals.originalBytes(), totals.storedBytes(), unlisted,
        txn.protectedEnd(), free.list());
    byte[] bytes = rec.encode();
    int footerAt = bytes.length - CommitRecord.FOOTER_SIZE;
    file.write(blockStart, bytes, 0, footerAt);
    // Everything the record points at is durable before the record can be found.
    file.sync();
    file.write(blockStart + footerAt, bytes, footerAt, CommitRecord.FOOTER_SIZE);
    file.sync();
    file.writeAnchor(rec.commitEnd(), st.uuid());
    txn.anchorWritten(rec.commitEnd());
    return CommitState.locate(file.source(rec.commitEnd()), ro, true, st);
  }

  /** Merged segments larger than this (estimated) are streamed to the end of the file instead. */
  private static final int COMPACT_ESTIMATE = 40 << 10;

  /**
   * Writes the segment merging {@code staged} with delta segments {@code 0..k-1}: a compact one
   * into free space after every body it points at (or at the end), or a paged one at the end.
   * Returns its {start, end}, or null when nothing is left to write.
   */
  private static long[] writeSegment(Txn txn, ContainerFile file, CommitState st, RangeSource committed,
      NavigableMap<byte[], DeltaEntry> staged, int k, WriterOptions wo) throws IOException {
    List<DeltaEntry> small = new ArrayList<>();
    long estimate = 0;
    SegmentWriter big = null;
    long bigStart = 0;
    EntryFields f = new EntryFields();
    try {
      Merge m = new Merge(st, committed, staged, k);
      DeltaEntry d;
      while ((d = m.next()) != null) {
        if (big == null) {
          small.add(d);
          estimate += d.key().length + 32;
          if (estimate > COMPACT_ESTIMATE) {
            bigStart = txn.appendStart();
            big = SegmentWriter.segment(file.sinkAt(bigStart), st.checksumKind(), st.uuid(), wo.tempDir(),
                wo.sortMemoryBytes());
            for (DeltaEntry e : small) {
              e.into(f, 0);
              big.add(f, e.meta());
            }
            small = null;
          }
        } else {
          d.into(f, 0);
          big.add(f, d.meta());
        }
      }
      if (big == null && !small.isEmpty()) {
        CompactSegment cs = CompactSegment.build(small, st.checksumKind().size());
        if (cs != null) {
          long at = txn.placeSegment(cs.size(), Math.max(cs.maxBodyEnd(), st.baseEnd()));
          file.write(at, cs.bytesAt(at, st.checksumKind(), st.uuid()), 0, cs.size());
          return new long[] {at, at + cs.size()};
        }
        bigStart = txn.appendStart();
        big = SegmentWriter.segment(file.sinkAt(bigStart), st.checksumKind(), st.uuid(), wo.tempDir(),
            wo.sortMemoryBytes());
        for (DeltaEntry e : small) {
          e.into(f, 0);
          big.add(f, e.meta());
        }
      }
      if (big == null) {
        return null;
      }
      long end = big.finishAndPublish();
      txn.appended(bigStart, end - bigStart);
      return new long[] {bigStart, end};
    } finally {
      if (big != null) {
        big.close();
      }
    }
  }

  /**
   * The staged changes merged with delta segments {@code 0..k-1}, newest first per key, as
   * entries with their metadata; tombstones are dropped when every delta is merged and the base
   * lacks the key.
   */
  private static final class Merge {
    private final CommitState st;
    private final RangeSource committed;
    private final CommitState.Scan[] scans;
    private final EntryFields[] heads;
    private final Iterator<DeltaEntry> it;
    private final boolean mergingAll;
    private DeltaEntry head;

    Merge(CommitState st, RangeSource committed, NavigableMap<byte[], DeltaEntry> staged, int k) throws IOException {
      this.st = st;
      this.committed = committed;
      this.mergingAll = k == st.deltaCount();
      scans = new CommitState.Scan[k];
      heads = new EntryFields[k];
      for (int i = 0; i < k; i++) {
        scans[i] = st.scan(committed, i);
        heads[i] = new EntryFields();
        if (!scans[i].next(heads[i])) {
          heads[i] = null;
        }
      }
      it = staged.values().iterator();
      head = it.hasNext() ? it.next() : null;
    }

    DeltaEntry next() throws IOException {
      while (true) {
        byte[] key = head == null ? null : head.key();
        for (EntryFields h : heads) {
          if (h != null && (key == null || Arrays.compareUnsigned(h.key, 0, h.keyLength, key, 0, key.length) < 0)) {
            key = h.keyCopy();
          }
        }
        if (key == null) {
          return null;
        }
        DeltaEntry out = null;
        if (head != null && Arrays.equals(head.key(), key)) {
          out = head;
          head = it.hasNext() ? it.next() : null;
        }
        for (int i = 0; i < heads.length; i++) {
          EntryFields h = heads[i];
          if (h != null && Arrays.equals(h.key, 0, h.keyLength, key, 0, key.length)) {
            if (out == null) {
              out = DeltaEntry.of(h, (h.flags & PageFormat.F_META) != 0 ? rawMeta(committed, h) : null);
            }
            if (!scans[i].next(h)) {
              heads[i] = null;
            }
          }
        }
        if (out.isTombstone() && mergingAll && !st.baseContains(committed, key)) {
          continue;
        }
        return out;
      }
    }
  }

  /** The JSON of a stored metadata record, checked against its CRC. */
  static byte[] rawMeta(RangeSource source, EntryFields f) throws IOException {
    if (f.metaLength > Integer.MAX_VALUE - 8) {
      throw new CorruptContainerException(source.name(), f.metaOffset, null, "metadata record too large");
    }
    int len = (int) f.metaLength;
    byte[] b = source.readFully(f.metaOffset, len + 4);
    io.easystore.internal.v2.MetaRecord.check(b, len, f.keyCopy(), source.name(), f.metaOffset, null);
    return Arrays.copyOf(b, len);
  }

}
