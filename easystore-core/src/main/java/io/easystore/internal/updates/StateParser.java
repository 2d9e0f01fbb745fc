package io.easystore.internal.updates;

import io.easystore.CorruptContainerException;
import io.easystore.ReaderOptions;
import io.easystore.UnsupportedVersionException;
import io.easystore.internal.v1.V1Footer;
import io.easystore.internal.v2.NodeCursor;
import io.easystore.internal.v2.PageCache;
import io.easystore.internal.v2.RootBlock;
import io.easystore.internal.v2.V2Footer;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the state of an updatable container that ends at a given offset: a plain v2 footer, or a
 * commit record with its base and delta segments, every field validated before use (see
 * docs/FORMAT.md, "DES v2 updates"). Layers of an earlier state of the same file are reused.
 * Stateless.
 */
final class StateParser {
  private StateParser() {}

  /** The state whose footer ends at {@code end} (the file size, or the anchor). */
  static CommitState parseAt(RangeSource source, ReaderOptions options, Bytes tail, long fileSize, long anchor,
      CommitState previous) throws IOException {
    String name = source.name();
    long end = tail.end;
    int footerAt = tail.index(end - V2Footer.SIZE);
    int version = V1Footer.peekVersion(name, java.nio.ByteBuffer.wrap(tail.buf).position(footerAt),
        end - V2Footer.SIZE);
    if (io.easystore.internal.common.Formats.updatable(name, end - V2Footer.SIZE + 8, version)
        == io.easystore.internal.common.Formats.Kind.V2) {
      Layer base = previous != null && previous.base().end() == end ? previous.base()
          : parseBase(source, options, tail);
      return new CommitState(name, fileSize, anchor, null, 0, base, List.of());
    }
    int blockLength = CommitRecord.peek(name, tail.buf, footerAt, end);
    long blockStart = end - V2Footer.SIZE - blockLength;
    Bytes block = tail.range(source, blockStart, blockLength);
    CommitRecord rec = CommitRecord.parse(name, tail.buf, footerAt, block.buf, block.index(blockStart), end);
    Layer base = previous != null && previous.base().end() == rec.baseEnd() ? previous.base()
        : parseBase(source, options, tail.endingAt(source, rec.baseEnd(), options.tailBytes()));
    if (!base.footer().uuid().equals(rec.uuid())) {
      throw new CorruptContainerException(name, end - V2Footer.SIZE + 48, null, "commit record belongs to container "
          + rec.uuid() + " but the base container is " + base.footer().uuid());
    }
    List<Layer> deltas = new ArrayList<>();
    for (long segEnd : rec.segmentEnds()) {
      Layer known = previous == null ? null : previous.deltaEnding(segEnd);
      deltas.add(known != null ? known
          : parseSegment(source, options, tail.endingAt(source, segEnd, options.tailBytes()), base));
    }
    checkDisjoint(name, deltas, blockStart);
    return new CommitState(name, fileSize, anchor, rec, V2Footer.SIZE + blockLength, base, deltas);
  }

  private static Layer parseBase(RangeSource source, ReaderOptions options, Bytes t) throws IOException {
    String name = source.name();
    long end = t.end;
    int footerAt = t.index(end - V2Footer.SIZE);
    V2Footer footer = V2Footer.parse(name, t.buf, footerAt, end);
    Bytes root = t.range(source, footer.rootStart(), footer.rootLength());
    footer.checkCrc(name, root.buf, root.index(footer.rootStart()), t.buf, footerAt);
    RootBlock rb = RootBlock.parse(name, footer, root.buf, root.index(footer.rootStart()));
    NodeCursor.validate(rb.root(), footer, rb.dictionaries().size());
    return new Layer(footer, rb, t.buf, t.start, new PageCache(options.pageCacheBytes()), 0, end);
  }

  private static Layer parseSegment(RangeSource source, ReaderOptions options, Bytes t, Layer base)
      throws IOException {
    String name = source.name();
    long end = t.end;
    int footerAt = t.index(end - V2Footer.SIZE);
    V2Footer footer = SegmentFooter.parse(name, t.buf, footerAt, end);
    byte[] f = SegmentFooter.asV2(t.buf, footerAt);
    V2Footer b = base.footer();
    if (!footer.uuid().equals(b.uuid()) || footer.checksumKind() != b.checksumKind()) {
      throw new CorruptContainerException(name, end - V2Footer.SIZE + 10, null, "delta segment's container UUID or "
          + "checksum kind differs from the base container's");
    }
    if (footer.metaStart() < base.end()) {
      throw new CorruptContainerException(name, end - V2Footer.SIZE + 24, null, "delta segment starts at "
          + footer.metaStart() + ", inside the base container (which ends at " + base.end() + ")");
    }
    Bytes root = t.range(source, footer.rootStart(), footer.rootLength());
    footer.checkCrc(name, root.buf, root.index(footer.rootStart()), f, 0);
    RootBlock rb = RootBlock.parse(name, footer, root.buf, root.index(footer.rootStart()));
    if (!rb.dictionaries().isEmpty()) {
      throw new CorruptContainerException(name, footer.rootStart(), null, "a delta segment cannot hold dictionaries");
    }
    RootBlock withDicts = new RootBlock(rb.liveFiles(), rb.directories(), rb.deleted(), rb.originalBytes(),
        rb.storedBytes(), base.root().dictionaries(), rb.root());
    NodeCursor.validate(withDicts.root(), footer, withDicts.dictionaries().size());
    long budget = options.pageCacheBytes() == Long.MAX_VALUE ? Long.MAX_VALUE : options.pageCacheBytes() / 4;
    return new Layer(footer, withDicts, t.buf, t.start, new PageCache(budget), footer.metaStart(), end);
  }

  /** Delta segments may lie in any order after the base, but never overlap each other or the record. */
  private static void checkDisjoint(String name, List<Layer> deltas, long recordStart)
      throws CorruptContainerException {
    List<Layer> sorted = new ArrayList<>(deltas);
    sorted.sort(java.util.Comparator.comparingLong(Layer::start));
    long prevEnd = 0;
    for (Layer d : sorted) {
      if (d.start() < prevEnd) {
        throw new CorruptContainerException(name, d.end() - V2Footer.SIZE, null, "delta segment [" + d.start() + ", "
            + d.end() + ") overlaps another one");
      }
      prevEnd = d.end();
    }
    if (prevEnd > recordStart) {
      throw new CorruptContainerException(name, recordStart, null, "a delta segment overlaps the commit record");
    }
  }

  /** Bytes {@code [start, end)} of the file held in {@code buf} (which may hold more after {@code end}). */
  record Bytes(byte[] buf, long start, long end) {
    /** The last {@code min(end, tailBytes)} bytes before {@code end}, in one read. */
    static Bytes read(RangeSource source, long end, int tailBytes) throws IOException {
      int len = (int) Math.min(end, tailBytes);
      return new Bytes(source.readFully(end - len, len), end - len, end);
    }

    int index(long offset) {
      return (int) (offset - start);
    }

    /** The bytes before {@code newEnd}: these when they hold its footer, else a new tail read. */
    Bytes endingAt(RangeSource source, long newEnd, int tailBytes) throws IOException {
      if (newEnd <= end && newEnd - V2Footer.SIZE >= start) {
        return new Bytes(buf, start, newEnd);
      }
      return read(source, newEnd, tailBytes);
    }

    /** Bytes holding {@code [offset, offset + length)}: these when they do, else one read of that range. */
    Bytes range(RangeSource source, long offset, int length) throws IOException {
      if (offset >= start && offset + length <= start + buf.length) {
        return this;
      }
      return new Bytes(source.readFully(offset, length), offset, offset + length);
    }
  }

}
