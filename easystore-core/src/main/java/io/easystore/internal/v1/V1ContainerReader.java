package io.easystore.internal.v1;

import io.easystore.ContainerStats;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.internal.common.BatchPlanner;
import io.easystore.internal.common.BodyLimits;
import io.easystore.internal.common.EntryChannel;
import io.easystore.internal.common.EntryInputStream;
import io.easystore.internal.common.ExternalBodies;
import io.easystore.internal.common.ParallelGroupFetcher;
import io.easystore.internal.common.Tail;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DES v1 container. The v1 index has no order to search, so it is decoded whole at open into a
 * hash map (the format's own design); everything else is read on demand.
 *
 * <p>Immutable after open and thread-safe: all reads are positional.
 */
public final class V1ContainerReader implements DesReader {
  private final RangeSource source;
  private final ReaderOptions options;
  private final V1Footer footer;
  private final long fileSize;
  private final List<IndexEntry> index;
  private final List<String> live;
  private final Map<String, IndexEntry> byName;
  private final ExternalBodies external;

  private V1ContainerReader(RangeSource source, ReaderOptions options, V1Footer footer,
      long fileSize, List<IndexEntry> index) {
    this.source = source;
    this.options = options;
    this.footer = footer;
    this.fileSize = fileSize;
    this.index = List.copyOf(index);
    Map<String, IndexEntry> map = new HashMap<>(index.size() * 2);
    List<String> names = new ArrayList<>(index.size());
    for (IndexEntry e : index) {
      if (!e.isDeleted()) {
        // The reference keeps duplicate names; like its dict-based reader, the last one wins.
        map.put(e.name(), e);
        names.add(e.name());
      } else {
        map.remove(e.name());
      }
    }
    this.byName = map;
    this.live = List.copyOf(names);
    this.external = new ExternalBodies(source, this::readMeta);
  }

  public static V1ContainerReader open(RangeSource source, ReaderOptions options, Tail tail)
      throws IOException {
    String name = source.name();
    long size = source.size();
    ByteBuffer footerBytes = tail.slice(size - V1Footer.SIZE, V1Footer.SIZE);
    V1Footer footer = V1Footer.parse(name, footerBytes, size);
    long footerAt = size - V1Footer.SIZE;
    if (footer.fileCount() > options.maxEntries()) {
      throw new LimitExceededException(name, footerAt + 64, null, "entry count",
          footer.fileCount(), options.maxEntries(), "ReaderOptions.withMaxEntries or -Deasystore.maxEntries");
    }
    if (footer.indexLength() > options.maxIndexBytes()) {
      throw new LimitExceededException(name, footerAt + 56, null, "index size",
          footer.indexLength(), options.maxIndexBytes(),
          "ReaderOptions.withMaxIndexBytes or -Deasystore.maxIndexBytes");
    }
    ByteBuffer indexBytes = tail.slice(footer.indexStart(), footer.indexLength());
    if (indexBytes == null) {
      indexBytes = ByteBuffer.allocate((int) footer.indexLength());
      source.readFully(footer.indexStart(), indexBytes);
      indexBytes.flip();
    }
    List<IndexEntry> entries = V1Index.decode(name, footer, indexBytes);
    return new V1ContainerReader(source, options, footer, size, entries);
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public int formatVersion() {
    return V1Footer.VERSION;
  }

  @Override
  public List<String> listFiles() {
    return live;
  }

  @Override
  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  @Override
  public IndexEntry entry(String name) throws NoSuchFileException {
    IndexEntry e = byName.get(name);
    if (e == null) {
      throw new NoSuchFileException(name, null, "no such entry in " + source.name());
    }
    return e;
  }

  @Override
  public List<IndexEntry> getIndex() {
    return index;
  }

  /**
   * v1 may repeat a name, and reads of that name serve its last record; every record of a repeated
   * name therefore yields that last record here, so that a consumer (export, import) never pairs
   * one record's size with another record's body. The name still appears once per record, so the
   * consumer sees the repetition and can say so (the archive exporter writes it once, as tar's
   * "last one wins" would, and reports the repeat).
   */
  @Override
  public EntryCursor liveEntries() {
    java.util.Iterator<IndexEntry> it = index.iterator();
    return new EntryCursor() {
      @Override
      public IndexEntry next() {
        while (it.hasNext()) {
          IndexEntry e = it.next();
          IndexEntry winner = e.isDeleted() ? null : byName.get(e.name());
          if (winner != null) {
            return winner;
          }
        }
        return null;
      }

      @Override
      public void close() {
        // nothing to release: the index is in memory
      }
    };
  }

  private IndexEntry readable(String name) throws IOException {
    IndexEntry e = entry(name);
    if (e.isCompressed() || e.isEncrypted()) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), name,
          "flagged compressed or encrypted, which DES v1 does not define");
    }
    if (!e.isExternal()) {
      BodyLimits.checkInside(source, e, e.storedLength());
    }
    return e;
  }

  @Override
  public byte[] getFile(String name) throws IOException {
    IndexEntry e = readable(name);
    if (e.storedLength() > BodyLimits.MAX_ARRAY) {
      throw BodyLimits.tooLargeForArray(source.name(), e, e.storedLength());
    }
    if (e.isExternal()) {
      try (RangeSource sibling = external.open(e)) {
        return sibling.readFully(0, (int) e.storedLength());
      }
    }
    return source.readFully(e.dataOffset(), (int) e.storedLength());
  }

  @Override
  public InputStream openStream(String name) throws IOException {
    IndexEntry e = readable(name);
    if (e.isExternal()) {
      return external.storedStream(e);
    }
    return new EntryInputStream(source, e.dataOffset(), e.storedLength());
  }

  @Override
  public java.nio.channels.SeekableByteChannel newChannel(String name) throws IOException {
    IndexEntry e = readable(name);
    if (e.isExternal()) {
      return external.channel(e, null, false);
    }
    return new EntryChannel(source, e, null, false);
  }

  @Override
  public JsonNode getMeta(String name) throws IOException {
    return readMeta(entry(name));
  }

  private JsonNode readMeta(IndexEntry e) throws IOException {
    if (e.metaLength() > options.maxMetaBytes()) {
      throw new LimitExceededException(source.name(), e.metaOffset(), e.name(), "metadata size",
          e.metaLength(), options.maxMetaBytes(),
          "ReaderOptions.withMaxMetaBytes or -Deasystore.maxMetaBytes");
    }
    if (e.metaLength() == 0) {
      return ReferenceJson.object();
    }
    byte[] bytes = source.readFully(e.metaOffset(), (int) e.metaLength());
    JsonNode meta;
    try {
      meta = ReferenceJson.parse(bytes, 0, bytes.length);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new CorruptContainerException(source.name(), e.metaOffset(), e.name(),
          "metadata is not valid JSON: " + ex.getOriginalMessage(), ex);
    }
    checkBound(e, meta);
    return meta;
  }

  /**
   * v1 records carry no checksum and no name; the one field tying a record to its entry is
   * {@code "size"}, which every writer sets to the body length. A record whose size differs
   * belongs to another entry (a shifted region, a wrong offset): refuse it rather than return
   * another entry's metadata (or its {@code external_key}). External entries are checked against
   * their sibling's length when the body is read instead, as their data_length may be 0.
   */
  private void checkBound(IndexEntry e, JsonNode meta) throws CorruptContainerException {
    JsonNode size = meta.get("size");
    if (e.isExternal() || size == null || !size.isIntegralNumber()) {
      return;
    }
    if (!size.canConvertToLong() || size.longValue() != e.size()) {
      throw new CorruptContainerException(source.name(), e.metaOffset(), e.name(), "metadata says \"size\": "
          + size.asText() + " but the entry's body is " + e.size() + " bytes: the record belongs to another entry");
    }
  }

  @Override
  public Map<String, byte[]> getFiles(Collection<String> names, long maxGap) throws IOException {
    List<IndexEntry> wanted = new ArrayList<>(names.size());
    List<BatchPlanner.Range> ranges = new ArrayList<>(names.size());
    for (String n : names) {
      IndexEntry e = readable(n);
      if (e.storedLength() > options.maxBatchBytes()) {
        throw BodyLimits.aboveBatch(source.name(), e, e.storedLength(), options.maxBatchBytes());
      }
      if (!e.isExternal()) {
        ranges.add(new BatchPlanner.Range(wanted.size(), e.dataOffset(), e.storedLength()));
      }
      wanted.add(e);
    }
    byte[][] bodies = new byte[wanted.size()][];
    ParallelGroupFetcher.fetch(source, BatchPlanner.plan(ranges, maxGap, options.maxBatchBytes()),
        options.batchConcurrency(), (g, block) -> {
          for (BatchPlanner.Range r : g.members()) {
            int from = (int) (r.offset() - g.start());
            bodies[r.id()] = java.util.Arrays.copyOfRange(block, from, from + (int) r.length());
          }
        });
    ExternalBodies.readEach(wanted, bodies, e -> getFile(e.name()));
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int i = 0; i < bodies.length; i++) {
      out.put(wanted.get(i).name(), bodies[i]);
    }
    return out;
  }

  @Override
  public java.util.Optional<io.easystore.io.RequestStats.Snapshot> requestStats() {
    return external.requestStats();
  }

  @Override
  public ContainerStats stats() {
    long body = 0;
    for (String n : live) {
      body += byName.get(n).size();
    }
    return new ContainerStats(V1Footer.VERSION, fileSize, index.size(), live.size(),
        footer.dataStart(), footer.dataLength(), footer.metaStart(), footer.metaLength(),
        footer.indexStart(), footer.indexLength(), body);
  }

  @Override
  public VerifyReport verify(io.easystore.VerifyListener listener) throws IOException {
    source.scanning(true);
    try {
      return new V1Verifier(source, footer, index, this::readMeta).withExternal(external).run(listener);
    } finally {
      source.scanning(false);
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
