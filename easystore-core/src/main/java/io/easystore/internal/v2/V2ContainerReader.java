package io.easystore.internal.v2;

import io.easystore.ContainerStats;
import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.IndexEntry;
import io.easystore.LimitExceededException;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.common.ParallelGroupFetcher;
import io.easystore.internal.common.Tail;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.RangeSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A DES v2 container: the footer and root block come from the tail read at open; everything
 * else is read on demand through {@link V2Index} (entries) and {@link V2Bodies} (bodies).
 *
 * <p>Immutable after open and thread-safe: all reads are positional and caches are concurrent.
 */
public final class V2ContainerReader implements DesReader {
  /** By codec id; leaf decoding has checked the id is one of these. */
  private static final CodecId[] CODECS = {CodecId.NONE, CodecId.DEFLATE, CodecId.ZSTD, CodecId.ZSTD_DICTIONARY};

  private final RangeSource source;
  private final ReaderOptions options;
  private final V2Footer footer;
  private final RootBlock root;
  private final V2Index index;
  private final V2Bodies bodies;
  private final ContainerCipher cipher;
  /** Set when the container's bodies are sealed with a key that is not available (visible names). */
  private volatile io.easystore.crypto.EncryptionInfo lockedInfo;

  private V2ContainerReader(RangeSource source, ReaderOptions options, V2Footer footer, RootBlock root,
      byte[] tail, long tailStart, ContainerCipher cipher) {
    this.source = source;
    this.options = options;
    this.footer = footer;
    this.root = root;
    this.cipher = cipher;
    this.index = new V2Index(source, footer, root, tail, tailStart, new PageCache(options.pageCacheBytes()),
        metaCipher());
    this.bodies = new V2Bodies(source, root, tail, tailStart, options, cipher, this::readMeta);
  }

  /** The cipher for index pages and metadata: set only when the container protects its index. */
  private ContainerCipher metaCipher() {
    return cipher != null && cipher.protectsIndex() ? cipher : null;
  }

  public static V2ContainerReader open(RangeSource source, ReaderOptions options, Tail tail)
      throws IOException {
    String name = source.name();
    long size = source.size();
    byte[] tailBytes = tail.bytes().array();
    int tailOffset = tail.bytes().arrayOffset();
    if (tailOffset != 0 || tail.bytes().limit() != tailBytes.length) {
      tailBytes = Arrays.copyOfRange(tailBytes, tailOffset, tailOffset + tail.bytes().limit());
    }
    int footerAt = tailBytes.length - V2Footer.SIZE;
    V2Footer footer = V2Footer.parse(name, tailBytes, footerAt, size);
    byte[] rootBytes;
    int rootAt;
    if (footer.rootStart() >= tail.start()) {
      rootBytes = tailBytes;
      rootAt = (int) (footer.rootStart() - tail.start());
    } else {
      rootBytes = source.readFully(footer.rootStart(), footer.rootLength() + footer.keyBlockLength());
      rootAt = 0;
    }
    footer.checkCrc(name, rootBytes, rootAt, tailBytes, footerAt);
    ContainerCipher cipher = null;
    KeyUnavailableException bodyKeyMissing = null;
    io.easystore.crypto.EncryptionInfo lockedInfo = null;
    if (footer.encrypted()) {
      io.easystore.internal.v2.KeyBlock kb = V2Keys.keyBlock(name, footer, rootBytes, rootAt + footer.rootLength());
      try {
        cipher = V2Keys.cipher(name, footer, kb, options);
      } catch (KeyUnavailableException e) {
        // With visible names only the bodies are sealed: the index, names and metadata can be read
        // without the key, and each body read reports the missing key. A wrong or malformed key
        // is still an error at open.
        if (kb.protectIndex() || e.reason() != KeyUnavailableException.Reason.MISSING) {
          throw e;
        }
        bodyKeyMissing = e;
        lockedInfo = new io.easystore.crypto.EncryptionInfo(ContainerCipher.ALGORITHM, kb.keyId(), false,
            kb.chunkBytes());
      }
    }
    int rootLength = footer.rootLength();
    if (cipher != null && cipher.protectsIndex()) {
      rootBytes = cipher.unbox(ContainerCipher.ROOT, footer.rootStart(), 0, rootBytes, rootAt, rootLength, null);
      rootAt = 0;
      rootLength = rootBytes.length;
    }
    RootBlock root = RootBlock.parse(name, footer, rootBytes, rootAt, rootLength);
    io.easystore.internal.v2.NodeCursor.validate(root.root(), footer, root.dictionaries().size());
    V2ContainerReader r = new V2ContainerReader(source, options, footer, root, tailBytes, tail.start(), cipher);
    if (bodyKeyMissing != null) {
      r.bodies.lockBodies(bodyKeyMissing);
      r.lockedInfo = lockedInfo;
    }
    return r;
  }

  @Override
  public java.util.Optional<io.easystore.crypto.EncryptionInfo> encryption() {
    if (lockedInfo != null) {
      return java.util.Optional.of(lockedInfo);
    }
    return cipher == null ? java.util.Optional.empty() : java.util.Optional.of(cipher.info());
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public int formatVersion() {
    return V2Footer.VERSION;
  }

  /** The live or deleted entry at {@code path}, or null. */
  private IndexEntry lookup(String path) throws IOException {
    byte[] key = V2Paths.lookupKey(path);
    if (key == null) {
      return null;
    }
    EntryFields f = new EntryFields();
    return index.find(key, f) ? toEntry(path, f) : null;
  }

  IndexEntry toEntry(String path, EntryFields f) throws CorruptContainerException {
    boolean dir = f.isDirectory();
    return new IndexEntry(path, f.dataOffset, f.storedLength, f.originalLength, f.metaOffset, f.metaLength,
        f.flags & 0x1F, CODECS[f.codec], f.dictionaryId,
        dir ? null : footer.checksumKind(), f.checksum, f.mtimeMillis, f.mode);
  }

  @Override
  public IndexEntry entry(String name) throws IOException {
    IndexEntry e = lookup(name);
    if (e == null || e.isDeleted()) {
      throw new NoSuchFileException(name, null, "no such entry in " + source.name());
    }
    return e;
  }

  private IndexEntry file(String name) throws IOException {
    IndexEntry e = entry(name);
    bodies.checkReadable(e);
    return e;
  }

  @Override
  public boolean contains(String name) {
    try {
      IndexEntry e = lookup(name);
      return e != null && !e.isDeleted() && !e.isDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    if (path.isEmpty()) {
      return true;
    }
    IndexEntry e = lookup(path);
    return e != null && !e.isDeleted();
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    if (path.isEmpty()) {
      return true;
    }
    IndexEntry e = lookup(path);
    return e != null && !e.isDeleted() && e.isDirectory();
  }

  @Override
  public List<IndexEntry> list(String dir, String startAfter, int limit) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
    if (!dir.isEmpty()) {
      IndexEntry d = lookup(dir);
      if (d == null || d.isDeleted()) {
        throw new NoSuchFileException(dir, null, "no such directory in " + source.name());
      }
      if (!d.isDirectory()) {
        throw new NotDirectoryException(dir);
      }
    }
    return SortedListing.children(index.cursor(), source.name(), dir, startAfter, limit, this::toEntry);
  }

  @Override
  public Stream<IndexEntry> entries() {
    Stream<IndexEntry> all = SortedListing.all(index.cursor(), source.name(), footer.entryCount(), false,
        this::toEntry);
    source.scanning(true);
    return all.onClose(() -> source.scanning(false));
  }

  private void checkMaterialisable() {
    if (footer.entryCount() > options.maxEntries()) {
      throw new UncheckedIOException(new LimitExceededException(source.name(), footer.footerStart() + 16, null,
          "entry count", footer.entryCount(), options.maxEntries(),
          "ReaderOptions.withMaxEntries or -Deasystore.maxEntries, or walk with list()/entries()"));
    }
  }

  @Override
  public List<String> listFiles() {
    checkMaterialisable();
    try (Stream<IndexEntry> s = entries()) {
      return s.filter(e -> !e.isDeleted() && !e.isDirectory()).map(IndexEntry::name).toList();
    }
  }

  @Override
  public List<IndexEntry> getIndex() {
    checkMaterialisable();
    try (Stream<IndexEntry> s = entries()) {
      return s.filter(e -> !e.isDirectory()).toList();
    }
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
    return readMeta(entry(name));
  }

  JsonNode readMeta(IndexEntry e) throws IOException {
    ObjectNode node;
    if (e.metaLength() == 0) {
      node = ReferenceJson.object();
    } else {
      node = V2Meta.read(source, options, footer.metaStart(), metaCipher(), e);
    }
    if (!e.isDirectory() && !node.has("size")) {
      // v1 always records "size"; v2 keeps it in the index and adds it here for the same view.
      node.put("size", e.size());
    }
    return node;
  }

  @Override
  public Map<String, byte[]> getFiles(Collection<String> names, long maxGap) throws IOException {
    // Lookups whose pages are not cached are one read each: resolve them in parallel too.
    List<String> asked = new ArrayList<>(names);
    IndexEntry[] found = new IndexEntry[asked.size()];
    ParallelGroupFetcher.forEach(source.name(), found.length, options.batchConcurrency(),
        i -> found[i] = file(asked.get(i)));
    return bodies.batch(found, maxGap);
  }


  @Override
  public java.util.Optional<io.easystore.io.RequestStats.Snapshot> requestStats() {
    return bodies.external().requestStats();
  }

  @Override
  public ContainerStats stats() {
    long indexBytes = footer.fileSize() - footer.indexStart();
    return new ContainerStats(V2Footer.VERSION, footer.fileSize(), root.liveFiles() + root.deleted(),
        root.liveFiles(), footer.dataStart(), footer.metaStart() - footer.dataStart(), footer.metaStart(),
        footer.metaEnd() - footer.metaStart(), footer.indexStart(), indexBytes, root.originalBytes(),
        root.directories(), root.storedBytes(), footer.pageSize(), footer.height(), root.dictionaries().size());
  }

  @Override
  public VerifyReport verify(io.easystore.VerifyListener listener) throws IOException {
    // Without the key, "every byte checked" cannot hold: say so instead of reporting damage.
    bodies.requireKey();
    source.scanning(true);
    try {
      return new V2Verifier(source, footer, root, index, bodies, this).run(listener);
    } finally {
      source.scanning(false);
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
