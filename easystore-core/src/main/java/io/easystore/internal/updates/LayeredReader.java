package io.easystore.internal.updates;

import io.easystore.ContainerStats;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.codec.CodecId;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.internal.v2.SortedListing;
import io.easystore.internal.v2.V2Bodies;
import io.easystore.internal.v2.V2ContainerReader;
import io.easystore.internal.v2.V2Footer;
import io.easystore.internal.v2.V2Index;
import io.easystore.internal.v2.V2Paths;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A reader of a container updated in place: the base index and the delta segments of one
 * committed state (and optionally an updater's pending changes on top). A point lookup asks the
 * newest layer first and stops at the first that holds the key (a tombstone means "absent");
 * listings merge the layers. Bodies are read and checked as in a plain v2 container, with the
 * base's dictionaries.
 *
 * <p>Immutable after open and thread-safe, like {@link V2ContainerReader}. Tombstones are not
 * reported by {@link #entries()} or {@link #getIndex()}: they only hide older entries.
 */
final class LayeredReader implements DesReader {
  private static final CodecId[] CODECS = {CodecId.NONE, CodecId.DEFLATE, CodecId.ZSTD, CodecId.ZSTD_DICTIONARY};

  private final CommitState state;
  private final RangeSource source;
  private final ReaderOptions options;
  private final Overlay overlay;
  private final Closeable onClose;
  /** Newest first: delta segments, then the base. */
  private final V2Index[] indexes;
  private final V2Bodies bodies;

  LayeredReader(CommitState state, RangeSource source, ReaderOptions options, Overlay overlay, Closeable onClose) {
    this.state = state;
    this.source = source;
    this.options = options;
    this.overlay = overlay;
    this.onClose = onClose;
    List<Layer> deltas = state.deltas();
    indexes = new V2Index[deltas.size() + 1];
    for (int i = 0; i < deltas.size(); i++) {
      indexes[i] = deltas.get(i).index(source);
    }
    Layer base = state.base();
    indexes[deltas.size()] = base.index(source);
    bodies = new V2Bodies(source, base.root(), base.tail(), base.tailStart(), options);
  }

  CommitState state() {
    return state;
  }

  /** Whether pending changes of an updater lie on top (their bodies may sit in listed free space). */
  boolean hasOverlay() {
    return overlay != null;
  }

  V2Index[] indexes() {
    return indexes;
  }

  V2Bodies bodies() {
    return bodies;
  }

  RangeSource source() {
    return source;
  }

  /** The newest version of {@code key}: its fields, and the overlay entry when it comes from there. */
  record Hit(EntryFields fields, DeltaEntry staged) {}

  Hit find(byte[] key) throws IOException {
    if (overlay != null) {
      DeltaEntry d = overlay.get(key);
      if (d != null) {
        EntryFields f = new EntryFields();
        d.into(f, 0);
        return new Hit(f, d);
      }
    }
    for (V2Index idx : indexes) {
      EntryFields f = new EntryFields();
      if (idx.find(key, f)) {
        return new Hit(f, null);
      }
    }
    return null;
  }

  /** The live entry at {@code path}, or null. */
  private Hit live(String path) throws IOException {
    byte[] key = V2Paths.lookupKey(path);
    Hit h = key == null ? null : find(key);
    return h == null || h.fields().isDeleted() ? null : h;
  }

  IndexEntry toEntry(String path, EntryFields f) {
    boolean dir = f.isDirectory();
    return new IndexEntry(path, f.dataOffset, f.storedLength, f.originalLength, f.metaOffset, f.metaLength,
        f.flags & 0x1F, CODECS[f.codec], f.dictionaryId, dir ? null : state.checksumKind(), f.checksum,
        f.mtimeMillis, f.mode);
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public int formatVersion() {
    return V2Footer.VERSION;
  }

  @Override
  public IndexEntry entry(String name) throws IOException {
    Hit h = live(name);
    if (h == null) {
      throw new NoSuchFileException(name, null, "no such entry in " + source.name());
    }
    return toEntry(name, h.fields());
  }

  @Override
  public boolean contains(String name) {
    try {
      Hit h = live(name);
      return h != null && !h.fields().isDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    return path.isEmpty() || live(path) != null;
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    if (path.isEmpty()) {
      return true;
    }
    Hit h = live(path);
    return h != null && h.fields().isDirectory();
  }

  @Override
  public List<IndexEntry> list(String dir, String startAfter, int limit) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
    if (!dir.isEmpty()) {
      Hit d = live(dir);
      if (d == null) {
        throw new NoSuchFileException(dir, null, "no such directory in " + source.name());
      }
      if (!d.fields().isDirectory()) {
        throw new NotDirectoryException(dir);
      }
    }
    return SortedListing.children(new MergeCursor(overlay, indexes), source.name(), dir, startAfter, limit,
        this::toEntry);
  }

  @Override
  public Stream<IndexEntry> entries() {
    Stream<IndexEntry> all = SortedListing.all(new MergeCursor(overlay, indexes), source.name(), -1, true,
        this::toEntry);
    source.scanning(true);
    return all.onClose(() -> source.scanning(false));
  }

  private void checkMaterialisable() {
    long n = state.liveFiles() + state.directories() + (overlay == null ? 0 : overlay.size());
    if (n > options.maxEntries()) {
      throw new UncheckedIOException(new LimitExceededException(source.name(), state.committedEnd() - 72, null,
          "entry count", n, options.maxEntries(),
          "ReaderOptions.withMaxEntries or -Deasystore.maxEntries, or walk with list()/entries()"));
    }
  }

  @Override
  public List<String> listFiles() {
    checkMaterialisable();
    try (Stream<IndexEntry> s = entries()) {
      return s.filter(e -> !e.isDirectory()).map(IndexEntry::name).toList();
    }
  }

  @Override
  public List<IndexEntry> getIndex() {
    checkMaterialisable();
    try (Stream<IndexEntry> s = entries()) {
      return s.filter(e -> !e.isDirectory()).toList();
    }
  }

  private IndexEntry file(String name) throws IOException {
    IndexEntry e = entry(name);
    bodies.checkReadable(e);
    return e;
  }

  @Override
  public byte[] getFile(String name) throws IOException {
    return bodies.read(entry(name));
  }

  @Override
  public InputStream openStream(String name) throws IOException {
    return bodies.stream(entry(name));
  }

  @Override
  public SeekableByteChannel newChannel(String name) throws IOException {
    return bodies.channel(entry(name));
  }

  @Override
  public JsonNode getMeta(String name) throws IOException {
    Hit h = live(name);
    if (h == null) {
      throw new NoSuchFileException(name, null, "no such entry in " + source.name());
    }
    return readMeta(name, h);
  }

  JsonNode readMeta(String name, Hit h) throws IOException {
    EntryFields f = h.fields();
    byte[] json = h.staged() != null ? h.staged().meta() : f.metaLength == 0 ? null : rawMeta(name, f);
    ObjectNode node;
    if (json == null) {
      node = ReferenceJson.object();
    } else {
      JsonNode parsed;
      try {
        parsed = ReferenceJson.parse(json, 0, json.length);
      } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
        throw new CorruptContainerException(source.name(), f.metaOffset, name,
            "metadata is not valid JSON: " + ex.getOriginalMessage(), ex);
      }
      if (!(parsed instanceof ObjectNode object)) {
        throw new CorruptContainerException(source.name(), f.metaOffset, name, "metadata is not a JSON object");
      }
      node = object;
    }
    if (!f.isDirectory() && !node.has("size")) {
      node.put("size", f.originalLength);
    }
    return node;
  }

  /** The JSON bytes of a stored metadata record, checked against its CRC. */
  byte[] rawMeta(String name, EntryFields f) throws IOException {
    if (f.metaLength > options.maxMetaBytes()) {
      throw new LimitExceededException(source.name(), f.metaOffset, name, "metadata size", f.metaLength,
          options.maxMetaBytes(), "ReaderOptions.withMaxMetaBytes or -Deasystore.maxMetaBytes");
    }
    int len = (int) f.metaLength;
    byte[] bytes = source.readFully(f.metaOffset, len + 4);
    io.easystore.internal.v2.MetaRecord.check(bytes, len, f.keyCopy(), source.name(), f.metaOffset, name);
    return Arrays.copyOf(bytes, len);
  }

  @Override
  public Map<String, byte[]> getFiles(Collection<String> names, long maxGap) throws IOException {
    IndexEntry[] found = new IndexEntry[names.size()];
    int i = 0;
    for (String n : names) {
      found[i++] = file(n);
    }
    return bodies.batch(found, maxGap);
  }


  @Override
  public java.util.Optional<io.easystore.io.RequestStats.Snapshot> requestStats() {
    return bodies.external().requestStats();
  }

  @Override
  public ContainerStats stats() {
    V2Footer base = state.base().footer();
    long files = state.liveFiles();
    long end = state.committedEnd();
    return new ContainerStats(V2Footer.VERSION, end, files + state.tombstones(), files, V2Footer.HEADER_SIZE,
        base.metaStart() - V2Footer.HEADER_SIZE, base.metaStart(), base.metaEnd() - base.metaStart(),
        base.indexStart(), end - base.indexStart(), state.originalBytes(), state.directories(), state.storedBytes(),
        base.pageSize(), base.height(), state.base().root().dictionaries().size());
  }

  @Override
  public VerifyReport verify(io.easystore.VerifyListener listener) throws IOException {
    source.scanning(true);
    try {
      return new LayeredVerifier(this).run(listener);
    } finally {
      source.scanning(false);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      if (onClose != null) {
        onClose.close();
      }
    }
  }
}
