package io.easystore.internal.v2;

import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.codec.Codecs;
import io.easystore.internal.common.BodyEncoder;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.common.ExternalWriter;
import io.easystore.internal.common.Spool;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.ContainerSink;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * DES v2. Bodies stream to the data region as they are added (compressed when that shrinks
 * them); metadata is spooled; index entries go to an {@link EntrySorter}. {@link #close()}
 * writes the metadata region, the paged index ({@link TreeBuilder}), the dictionaries, the root
 * block and the footer, then publishes.
 *
 * <p>Parent directories are implied: adding {@code a/b/c} records directories {@code a} and
 * {@code a/b}. Duplicate paths, and a path used both as a file and as a directory, are refused
 * with {@link IllegalArgumentException} while the writer remembers paths (up to a bound derived
 * from the sort memory); beyond it they are found when the index is merged, and {@code close()}
 * fails with {@link java.nio.file.FileAlreadyExistsException}.
 */
public final class V2ContainerWriter implements DesWriter {
  /** The tail a reader fetches at open; the root block is sized to fit it with the footer. */
  public static final int TAIL_BYTES = 64 << 10;

  private final ContainerSink sink;
  private final WriterOptions options;
  private final UUID uuid = UUID.randomUUID();
  private final Codec codec;
  private final ContainerCipher cipher;
  private final KeyBlock keyBlock;
  private final BodyEncoder bodies;
  private final ExternalWriter external;
  private final DictionaryStage dictionaries;
  private final PageSizer sizer;
  private final EntrySorter sorter;
  private final Spool meta;
  private final Map<String, Boolean> known = new HashMap<>();
  private final long knownLimit;
  private boolean knownDropped;
  private String lastParent = "";
  private long count;
  private boolean failed;
  private boolean finished;

  public V2ContainerWriter(ContainerSink sink, WriterOptions options) throws IOException {
    this.sink = sink;
    this.options = options;
    this.codec = options.codec() == CodecId.NONE ? Codecs.none() : Codecs.of(options.codec(), options.level());
    WriterKeys keys;
    try {
      keys = WriterKeys.of(options.encryption(), uuid, sink.name());
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
    this.keyBlock = keys.keyBlock();
    this.cipher = keys.cipher();
    this.bodies = new BodyEncoder(sink, options.checksum(), cipher);
    this.external = new ExternalWriter(sink, options, uuid, cipher);
    this.dictionaries = options.trainDictionaries()
        ? new DictionaryStage(codec, options.level(), options.dictionaryBytes(), this::emit) : null;
    this.sizer = new PageSizer(options.checksum().size());
    this.sorter = new EntrySorter(options.sortMemoryBytes(), options.tempDir(), sizer);
    this.meta = new Spool(options.tempDir(), "des-meta-", 16 << 20);
    this.knownLimit = Math.max(16, options.sortMemoryBytes() / 256);
    try {
      sink.write(ByteBuffer.wrap(keys.header(uuid)));
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
  }

  @Override
  public int formatVersion() {
    return V2Footer.VERSION;
  }

  @Override
  public void addFile(String name, byte[] body, ObjectNode meta) throws IOException {
    addFile(name, body, meta, EntryAttributes.NONE);
  }

  @Override
  public void addFile(String name, byte[] body, ObjectNode metaNode, EntryAttributes attributes) throws IOException {
    Objects.requireNonNull(body, "body");
    if (external.exceeds(body.length)) {
      String key = external.nextKey();
      EntryFields x = begin(name, false, ExternalWriter.withKey(metaNode, key), attributes);
      guarded(() -> {
        external.write(key, body, codec, x);
        sorter.add(x);
      });
      return;
    }
    EntryFields e = begin(name, false, metaNode, attributes);
    guarded(() -> {
      boolean sampled = dictionaries != null && body.length <= DictionaryStage.MAX_SAMPLE_BODY
          && dictionaries.offer(e, body.clone());
      if (!sampled) {
        emit(e, body, codec, 0);
      }
    });
  }

  @Override
  public void addFile(String name, InputStream body, ObjectNode meta) throws IOException {
    addFile(name, body, meta, EntryAttributes.NONE);
  }

  @Override
  public void addFile(String name, InputStream body, ObjectNode metaNode, EntryAttributes attributes)
      throws IOException {
    Objects.requireNonNull(body, "body");
    if (external.enabled()) {
      addTaken(name, body, metaNode, attributes);
      return;
    }
    EntryFields e = begin(name, false, metaNode, attributes);
    guarded(() -> {
      byte[] head = body.readNBytes(BodyEncoder.IN_MEMORY_LIMIT);
      int next = head.length < BodyEncoder.IN_MEMORY_LIMIT ? -1 : body.read();
      if (next < 0) {
        if (dictionaries == null || !dictionaries.offer(e, head)) {
          emit(e, head, codec, 0);
        }
        return;
      }
      InputStream rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) next}),
          body);
      bodies.writeLarge(head, head.length, rest, codec, e);
      sorter.add(e);
    });
  }

  @Override
  public void addFile(String name, Path file, ObjectNode meta) throws IOException {
    addFile(name, file, meta, EntryAttributes.NONE);
  }

  @Override
  public void addFile(String name, Path file, ObjectNode meta, EntryAttributes attributes) throws IOException {
    V2Paths.validate(name);
    try (InputStream in = Files.newInputStream(file)) {
      if (external.enabled() && external.exceeds(Files.size(file))) {
        byte[] head = in.readNBytes(BodyEncoder.IN_MEMORY_LIMIT);
        addExternal(name, head, in, meta, attributes);
      } else {
        addFile(name, in, meta, attributes);
      }
    }
  }

  /** A body of unknown length while external bodies are on: read until it is known where it goes. */
  private void addTaken(String name, InputStream body, ObjectNode metaNode, EntryAttributes attributes)
      throws IOException {
    V2Paths.validate(name);
    try (ExternalWriter.Intake in = external.take(body)) {
      if (in.external()) {
        addExternal(name, in.head(), in.remainder(), metaNode, attributes);
      } else if (in.complete()) {
        addFile(name, in.head(), metaNode, attributes);
      } else {
        EntryFields e = begin(name, false, metaNode, attributes);
        guarded(() -> {
          bodies.writeLarge(in.head(), in.head().length, in.remainder(), codec, e);
          sorter.add(e);
        });
      }
    }
  }

  private void addExternal(String name, byte[] head, InputStream rest, ObjectNode metaNode,
      EntryAttributes attributes) throws IOException {
    String key = external.nextKey();
    EntryFields e = begin(name, false, ExternalWriter.withKey(metaNode, key), attributes);
    guarded(() -> {
      external.write(key, head, head.length, rest, codec, e);
      sorter.add(e);
    });
  }

  @Override
  public void addDirectory(String path, EntryAttributes attributes) throws IOException {
    EntryFields e = begin(path, true, null, attributes);
    guarded(() -> sorter.add(e));
  }

  private interface Step {
    void run() throws IOException;
  }

  private void guarded(Step step) throws IOException {
    try {
      step.run();
      count++;
    } catch (IOException | RuntimeException e) {
      // Part of a body may already be in the data region: this container can no longer be completed.
      failed = true;
      throw e;
    }
  }

  private void emit(EntryFields e, byte[] body, Codec c, int dictionaryId) throws IOException {
    bodies.write(body, 0, body.length, c, dictionaryId, e);
    sorter.add(e);
  }

  private EntryFields begin(String path, boolean directory, ObjectNode metaNode, EntryAttributes attributes)
      throws IOException {
    if (finished) {
      throw new IOException(sink.name() + ": writer is closed");
    }
    if (failed) {
      throw new IOException(sink.name() + ": an earlier write failed; this container cannot be completed");
    }
    Objects.requireNonNull(attributes, "attributes");
    byte[] utf8 = V2Paths.validate(path);
    if (!knownDropped) {
      Boolean kind = known.get(path);
      if (kind != null && !(kind && directory)) {
        String problem = kind ? "path '" + path + "' is already a directory"
            : directory ? "path '" + path + "' is already a file" : "duplicate entry name '" + path + "'";
        throw new IllegalArgumentException(problem + " in " + sink.name());
      }
    }
    String parent = V2Paths.parent(path);
    impliedParents(parent);
    byte[] json = null;
    if (metaNode != null && metaNode.size() > 0) {
      try {
        json = ReferenceJson.MAPPER.writeValueAsBytes(metaNode);
      } catch (JsonProcessingException ex) {
        throw new IllegalArgumentException("metadata of '" + path + "' cannot be written as JSON", ex);
      }
    }
    EntryFields e = new EntryFields();
    byte[] key = V2Paths.key(utf8);
    e.setKey(key, key.length);
    e.flags = directory ? IndexEntry.DIRECTORY : 0;
    e.mtimeMillis = attributes.mtimeMillis();
    e.mode = attributes.mode();
    if (attributes.hasMtime()) {
      e.flags |= PageFormat.F_MTIME;
    }
    if (attributes.hasMode()) {
      e.flags |= PageFormat.F_MODE;
    }
    if (json != null) {
      // Spooled now so the entry is complete; metadata of a body that fails is harmless garbage.
      e.flags |= PageFormat.F_META;
      e.metaOffset = meta.size();
      if (cipher != null && cipher.protectsIndex()) {
        json = cipher.box(ContainerCipher.META, e.metaOffset, 0, json, 0, json.length);
      }
      e.metaLength = json.length;
      meta.write(json, 0, json.length);
      byte[] crc = new byte[4];
      io.easystore.internal.bytes.ByteBuilder.putLe32(crc, 0,
          io.easystore.internal.v2.MetaRecord.boundCrc(key, key.length, json, 0, json.length));
      meta.write(crc, 0, 4);
    }
    remember(path, directory);
    return e;
  }

  private void impliedParents(String parent) throws IOException {
    if (parent.isEmpty() || parent.equals(lastParent)) {
      return;
    }
    int from = 0;
    while (from <= parent.length()) {
      int slash = parent.indexOf('/', from);
      String dir = slash < 0 ? parent : parent.substring(0, slash);
      Boolean kind = knownDropped ? null : known.get(dir);
      if (kind != null && !kind) {
        throw new IllegalArgumentException("path '" + dir + "' is already a file in " + sink.name());
      }
      boolean coveredByLast = lastParent.equals(dir) || lastParent.startsWith(dir + "/");
      if (kind == null && !coveredByLast) {
        EntryFields d = new EntryFields();
        byte[] key = V2Paths.key(dir.getBytes(StandardCharsets.UTF_8));
        d.setKey(key, key.length);
        d.flags = IndexEntry.DIRECTORY;
        d.mtimeMillis = EntryAttributes.NO_MTIME;
        d.mode = EntryAttributes.NO_MODE;
        sorter.add(d);
        remember(dir, true);
      }
      if (slash < 0) {
        break;
      }
      from = slash + 1;
    }
    lastParent = parent;
  }

  private void remember(String path, boolean directory) {
    if (knownDropped) {
      return;
    }
    if (known.size() >= knownLimit) {
      known.clear();
      knownDropped = true;
      return;
    }
    known.put(path, directory);
  }

  /** A path for messages, from an index key. */
  static String pathOfKey(byte[] key, int len) {
    byte[] k = java.util.Arrays.copyOf(key, len);
    int from = len > 0 && k[0] == 0 ? 1 : 0;
    for (int i = from; i < len; i++) {
      if (k[i] == 0) {
        k[i] = '/';
      }
    }
    return new String(k, from, len - from, StandardCharsets.UTF_8);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long bytesWritten() {
    return sink.position();
  }

  @Override
  public void abort() throws IOException {
    finished = true;
    try {
      sink.close();
    } finally {
      cleanup();
    }
  }

  private void cleanup() throws IOException {
    try {
      sorter.close();
    } finally {
      meta.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (failed) {
        throw new IOException(sink.name() + ": not written, because an earlier write failed");
      }
      if (dictionaries != null) {
        dictionaries.finish();
      }
      new V2Finisher(sink, options, uuid, sizer, meta, TAIL_BYTES, cipher, keyBlock)
          .finish(sorter.finish(), dictionaries == null ? java.util.List.of() : dictionaries.dictionaries());
      sink.publish();
    } finally {
      try {
        sink.close();
      } finally {
        cleanup();
      }
    }
  }
}
