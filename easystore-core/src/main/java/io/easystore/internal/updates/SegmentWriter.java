package io.easystore.internal.updates;

import io.easystore.ChecksumKind;
import io.easystore.WriterOptions;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.BufferedSink;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.common.Spool;
import io.easystore.internal.v2.EntrySorter;
import io.easystore.internal.v2.PageFormat;
import io.easystore.internal.v2.PageSizer;
import io.easystore.internal.v2.V2ContainerWriter;
import io.easystore.internal.v2.V2Finisher;
import io.easystore.internal.v2.V2Footer;
import io.easystore.io.ContainerSink;
import io.easystore.io.RangeSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Writes DES v2 index structures around bodies that already exist, for in-place updates and
 * compaction (docs/FORMAT.md, "DES v2 updates"):
 *
 * <ul>
 *   <li>{@link #segment}: a delta segment at the sink's position: metadata, padding, index pages,
 *       root block and a footer shaped like the v2 footer but carrying
 *       {@link CommitRecord#SEGMENT_MAGIC}; its entries point at bodies written earlier.
 *   <li>{@link #container}: a complete plain v2 container whose stored bodies are copied raw
 *       (never recompressed) from another container with {@link #copyBody}.
 * </ul>
 *
 * Entries may be added in any order (they are sorted within {@code sortMemoryBytes}, spilling to
 * {@code tempDir}); keys must be unique. Not thread-safe; owns the sink until
 * {@link #finishAndPublish()} or {@link #close()}.
 */
public final class SegmentWriter implements Closeable {
  private final ContainerSink target;
  private final BufferedSink sink;
  private final WriterOptions options;
  private final UUID uuid;
  private final List<byte[]> dictionaries;
  private final boolean segment;
  private final PageSizer sizer;
  private final EntrySorter sorter;
  private final Spool meta;
  private final byte[] copyBuffer;
  private long entries;
  private boolean finished;

  private SegmentWriter(ContainerSink target, ChecksumKind kind, UUID uuid, List<byte[]> dictionaries,
      Path tempDir, long sortMemoryBytes, boolean segment) {
    this.target = target;
    this.segment = segment;
    this.options = WriterOptions.defaults().withChecksum(kind).withTempDir(tempDir)
        .withSortMemoryBytes(sortMemoryBytes);
    this.uuid = uuid;
    this.dictionaries = List.copyOf(dictionaries);
    this.sink = new BufferedSink(segment ? new SegmentFooterSink(target) : target);
    this.sizer = new PageSizer(kind.size());
    this.sorter = new EntrySorter(sortMemoryBytes, tempDir, sizer);
    this.meta = new Spool(tempDir, "des-meta-", 16 << 20);
    this.copyBuffer = segment ? null : new byte[1 << 20];
  }

  /** A delta segment written at {@code sink.position()} (absolute in the container). */
  public static SegmentWriter segment(ContainerSink sink, ChecksumKind kind, UUID uuid, Path tempDir,
      long sortMemoryBytes) {
    return new SegmentWriter(sink, kind, uuid, List.of(), tempDir, sortMemoryBytes, true);
  }

  /**
   * A whole container on an empty sink: writes the header now. Dictionary {@code i + 1} is
   * {@code dictionaries.get(i)}, so entries keep their dictionary ids.
   */
  public static SegmentWriter container(ContainerSink sink, ChecksumKind kind, UUID uuid, List<byte[]> dictionaries,
      Path tempDir, long sortMemoryBytes) throws IOException {
    SegmentWriter w = new SegmentWriter(sink, kind, uuid, dictionaries, tempDir, sortMemoryBytes, false);
    try {
      w.sink.write(ByteBuffer.wrap(V2Footer.header(uuid)));
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  /** Entries added so far. */
  public long count() {
    return entries;
  }

  /** The position the next byte goes to. */
  public long position() {
    return sink.position();
  }

  /**
   * Copies {@code length} stored bytes at {@code offset} of {@code from} to the data region and
   * returns their new offset. Only for {@link #container} writers, before the first entry whose
   * body comes later.
   */
  public long copyBody(RangeSource from, long offset, long length) throws IOException {
    if (segment) {
      throw new IllegalStateException("a delta segment holds no bodies");
    }
    long at = sink.position();
    long done = 0;
    while (done < length) {
      int n = (int) Math.min(copyBuffer.length, length - done);
      ByteBuffer b = ByteBuffer.wrap(copyBuffer, 0, n);
      from.readFully(offset + done, b);
      b.flip();
      sink.write(b);
      done += n;
    }
    return at;
  }

  /** Writes bytes already at hand to the data region (a {@link #container} writer) and returns their offset. */
  public long writeBody(byte[] b, int off, int len) throws IOException {
    if (segment) {
      throw new IllegalStateException("a delta segment holds no bodies");
    }
    long at = sink.position();
    sink.write(ByteBuffer.wrap(b, off, len));
    return at;
  }

  /**
   * Adds an entry whose body fields are final. {@code metaJson} (without CRC) replaces whatever
   * metadata reference {@code e} carries; null for none. {@code e} is not kept.
   */
  public void add(EntryFields e, byte[] metaJson) throws IOException {
    if (finished) {
      throw new IllegalStateException("writer finished");
    }
    e.flags &= ~PageFormat.F_META;
    e.metaOffset = 0;
    e.metaLength = 0;
    if (metaJson != null) {
      e.flags |= PageFormat.F_META;
      e.metaOffset = meta.size();
      e.metaLength = metaJson.length;
      meta.write(metaJson, 0, metaJson.length);
      byte[] crc = new byte[4];
      ByteBuilder.putLe32(crc, 0, io.easystore.internal.v2.MetaRecord.boundCrc(e.key, e.keyLength, metaJson, 0,
          metaJson.length));
      meta.write(crc, 0, 4);
    }
    sorter.add(e);
    entries++;
  }

  /**
   * Writes metadata, index, dictionaries, root block and footer, flushes, publishes the sink
   * (for a segment sink, usually a no-op) and returns the end offset.
   */
  public long finishAndPublish() throws IOException {
    if (finished) {
      throw new IllegalStateException("writer finished");
    }
    finished = true;
    try {
      new V2Finisher(sink, options, uuid, sizer, meta, V2ContainerWriter.TAIL_BYTES, null, null)
          .finish(sorter.finish(), dictionaries);
      long end = sink.position();
      sink.publish();
      return end;
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    finished = true;
    try {
      sorter.close();
    } finally {
      try {
        meta.close();
      } finally {
        target.close();
      }
    }
  }

  /**
   * Holds back the last 72 bytes written, which at the end are the footer, and writes them with
   * the segment magic: at no moment does the container end with a v2 footer of a segment. The
   * finisher computes the footer CRC over {@code DESFOOT1}; readers restore it before checking.
   */
  private static final class SegmentFooterSink implements ContainerSink {
    private final ContainerSink out;
    private final byte[] held = new byte[V2Footer.SIZE];
    private int heldLength;

    SegmentFooterSink(ContainerSink out) {
      this.out = out;
    }

    @Override
    public String name() {
      return out.name();
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
      int n = src.remaining();
      if (heldLength + n <= held.length) {
        src.get(held, heldLength, n);
        heldLength += n;
        return;
      }
      int release = heldLength + n - held.length;
      int fromHeld = Math.min(release, heldLength);
      out.write(ByteBuffer.wrap(held, 0, fromHeld));
      System.arraycopy(held, fromHeld, held, 0, heldLength - fromHeld);
      heldLength -= fromHeld;
      int fromSrc = release - fromHeld;
      if (fromSrc > 0) {
        ByteBuffer head = src.duplicate();
        head.limit(head.position() + fromSrc);
        out.write(head);
        src.position(src.position() + fromSrc);
      }
      int rest = src.remaining();
      src.get(held, heldLength, rest);
      heldLength += rest;
    }

    @Override
    public long position() {
      return out.position() + heldLength;
    }

    @Override
    public void publish() throws IOException {
      if (heldLength != held.length || !java.util.Arrays.equals(held, 0, 8, io.easystore.internal.v1.V1Footer.FOOTER_MAGIC,
          0, 8)) {
        throw new IllegalStateException("segment does not end with a footer");
      }
      System.arraycopy(CommitRecord.SEGMENT_MAGIC, 0, held, 0, 8);
      out.write(ByteBuffer.wrap(held, 0, heldLength));
      heldLength = 0;
      out.publish();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
