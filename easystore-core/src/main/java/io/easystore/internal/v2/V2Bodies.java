package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyUnavailableException;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.codec.Codecs;
import io.easystore.internal.codec.ZstdDictionaries;
import io.easystore.internal.common.BatchPlanner;
import io.easystore.internal.common.BodyDecoder;
import io.easystore.internal.common.BodyLimits;
import io.easystore.internal.common.EntryChannel;
import io.easystore.internal.common.EntryInputStream;
import io.easystore.internal.common.ExternalBodies;
import io.easystore.internal.common.ParallelGroupFetcher;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads, decompresses and checks the bodies of DES v2 entries. Dictionaries are loaded on first
 * use (from the bytes fetched at open when they lie there), checked against their CRC and kept.
 *
 * <p>Thread-safe: dictionaries are published through an atomic array; everything else is
 * immutable. Returned arrays and streams belong to the caller.
 */
public final class V2Bodies implements BodyDecoder {
  /**
   * Far above what any codec here can reach: a zstd block yields at most 128 KiB from at least 4
   * bytes (32,768 times), deflate at most 1,032 times.
   */
  static final long MAX_EXPANSION = 1L << 20;

  private final RangeSource source;
  private final RootBlock root;
  private final byte[] tail;
  private final long tailStart;
  private final ReaderOptions options;
  private final AtomicReferenceArray<Codec> dictionaries;
  private final ContainerCipher cipher;
  private final ExternalBodies external;
  /** Why sealed bodies cannot be opened (their key is missing), or null. Set once, before use. */
  private volatile KeyUnavailableException keyMissing;

  /** A plaintext container's bodies. */
  public V2Bodies(RangeSource source, RootBlock root, byte[] tail, long tailStart, ReaderOptions options) {
    this(source, root, tail, tailStart, options, null, null);
  }

  /**
   * @param cipher opens sealed bodies and dictionaries; null for a plaintext container
   * @param meta reads the metadata that names external bodies; null: plaintext v2 records
   */
  public V2Bodies(RangeSource source, RootBlock root, byte[] tail, long tailStart, ReaderOptions options,
      ContainerCipher cipher, ExternalBodies.MetaReader meta) {
    this.cipher = cipher;
    this.source = source;
    this.root = root;
    this.tail = tail;
    this.tailStart = tailStart;
    this.options = options;
    this.dictionaries = new AtomicReferenceArray<>(root.dictionaries().size() + 1);
    this.external = new ExternalBodies(source,
        meta != null ? meta : e -> V2Meta.read(source, options, 0, null, e));
  }

  /**
   * Marks the bodies as sealed with a key that is not available: every body read throws (a copy
   * of) {@code missing}. For containers whose index is readable without the key.
   */
  void lockBodies(KeyUnavailableException missing) {
    this.keyMissing = missing;
  }

  /** Throws the missing key's exception if bodies are locked. */
  void requireKey() throws KeyUnavailableException {
    KeyUnavailableException m = keyMissing;
    if (m != null) {
      throw KeyUnavailableException.of(m.keyId(), m.reason(), m.getMessage() + "; the names and metadata of this"
          + " container are readable without it, its bodies are not");
    }
  }

  /** Where external bodies (sibling objects) are opened. */
  public ExternalBodies external() {
    return external;
  }

  /**
   * Refuses what cannot be read here: directories, and bodies whose encryption
   * does not match the container's (a plaintext body in an encrypted container would let whoever
   * can write the file substitute content).
   */
  @Override
  public void checkReadable(IndexEntry e) throws IOException {
    if (e.isDirectory()) {
      throw new FileSystemException(e.name(), null, "is a directory in " + source.name());
    }
    if (keyMissing != null) {
      requireKey();
    }
    if (e.isEncrypted() != (cipher != null)) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), cipher != null
          ? "body is not encrypted in an encrypted container" : "body is flagged encrypted in a plaintext container");
    }
    checkLengths(e);
  }

  /**
   * Refuses lengths no body of this container can have, before anything is allocated or reported
   * from them (a seekable channel's size, which {@code Files.readAllBytes} allocates): an inline
   * body must lie inside the container, a raw body's original length is its stored length (at most
   * that when encrypted), and no codec expands by more than {@link #MAX_EXPANSION}. External
   * bodies are checked against their sibling when it is opened ({@link ExternalBodies#open}).
   */
  void checkLengths(IndexEntry e) throws IOException {
    long stored = e.storedLength();
    long size = e.size();
    if (stored < 0 || size < 0) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "negative length (stored "
          + Long.toUnsignedString(stored) + ", original " + Long.toUnsignedString(size) + ")");
    }
    if (!e.isExternal()) {
      BodyLimits.checkInside(source, e, stored);
    }
    if (!e.isCompressed()) {
      if (e.isEncrypted() ? size > stored : size != stored) {
        throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "uncompressed body of "
            + stored + " stored bytes cannot have the recorded length " + size);
      }
    } else if (size / MAX_EXPANSION > stored) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "compressed body of "
          + stored + " bytes cannot decompress to the recorded length " + size
          + " (no codec expands more than " + MAX_EXPANSION + " times)");
    }
  }

  private io.easystore.LimitExceededException tooLargeForArray(IndexEntry e, long length) {
    return BodyLimits.tooLargeForArray(source.name(), e, length);
  }

  public byte[] read(IndexEntry e) throws IOException {
    checkReadable(e);
    if (e.size() > Integer.MAX_VALUE - 8 || e.storedLength() > Integer.MAX_VALUE - 8) {
      throw tooLargeForArray(e, Math.max(e.size(), e.storedLength()));
    }
    byte[] stored;
    if (e.isExternal()) {
      try (RangeSource sibling = external.open(e)) {
        stored = sibling.readFully(0, (int) e.storedLength());
      }
    } else {
      stored = source.readFully(e.dataOffset(), (int) e.storedLength());
    }
    return decode(e, stored, 0, stored.length);
  }

  /** Turns stored bytes into the original ones and checks them when the options ask for it. */
  byte[] decode(IndexEntry e, byte[] stored, int off, int len) throws IOException {
    if (e.isEncrypted()) {
      checkReadable(e);
      stored = cipher.openBody(e.dataOffset(), stored, off, len, e.name());
      off = 0;
      len = stored.length;
      if (!e.isCompressed() && len != e.size()) {
        throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "decrypted body is " + len
            + " bytes, the index says " + e.size());
      }
    }
    byte[] body;
    if (e.isCompressed()) {
      if (e.size() > Integer.MAX_VALUE - 8) {
        throw tooLargeForArray(e, e.size());
      }
      try {
        body = codec(e).decompressExact(stored, off, len, (int) e.size(), source.name(), e.dataOffset());
      } catch (CorruptContainerException ex) {
        throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "body does not decompress: "
            + ex.getMessage(), ex);
      }
    } else if (off == 0 && len == stored.length) {
      body = stored;
    } else {
      body = java.util.Arrays.copyOfRange(stored, off, off + len);
    }
    if (options.verifyOnRead()) {
      verify(e, Checksums.of(e.checksumKind(), body, 0, body.length));
    }
    return body;
  }

  @Override
  public void verify(IndexEntry e, long actual) throws CorruptContainerException {
    if (e.hasChecksum() && actual != e.checksum()) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "body checksum mismatch (index "
          + Checksums.hex(e.checksumKind(), e.checksum()) + ", body " + Checksums.hex(e.checksumKind(), actual) + ")");
    }
  }

  /**
   * The bodies of {@code entries} (files, already checked readable), in order: inline neighbours
   * within {@code maxGap} merged into one read per group, groups fetched in parallel up to the
   * options' batch concurrency; external bodies read one by one.
   */
  public java.util.Map<String, byte[]> batch(IndexEntry[] entries, long maxGap) throws IOException {
    java.util.List<BatchPlanner.Range> ranges = new java.util.ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      IndexEntry e = entries[i];
      checkLengths(e);
      if (e.storedLength() > options.maxBatchBytes() || e.size() > options.maxBatchBytes()) {
        throw BodyLimits.aboveBatch(source.name(), e, Math.max(e.size(), e.storedLength()), options.maxBatchBytes());
      }
      if (!e.isExternal()) {
        // External bodies are separate objects, read one by one below, never merged into a range.
        ranges.add(new BatchPlanner.Range(i, e.dataOffset(), e.storedLength()));
      }
    }
    byte[][] out = new byte[entries.length][];
    ParallelGroupFetcher.fetch(source, BatchPlanner.plan(ranges, maxGap, options.maxBatchBytes()),
        options.batchConcurrency(), (g, block) -> {
          for (BatchPlanner.Range r : g.members()) {
            out[r.id()] = decode(entries[r.id()], block, (int) (r.offset() - g.start()), (int) r.length());
          }
        });
    java.util.List<IndexEntry> all = java.util.Arrays.asList(entries);
    ExternalBodies.readEach(all, out, this::read);
    java.util.Map<String, byte[]> result = new java.util.LinkedHashMap<>();
    for (int i = 0; i < out.length; i++) {
      result.put(entries[i].name(), out[i]);
    }
    return result;
  }

  /** A seekable channel over the original bytes, inline or external. */
  public java.nio.channels.SeekableByteChannel channel(IndexEntry e) throws IOException {
    checkReadable(e);
    if (e.isExternal()) {
      return external.channel(e, this, options.verifyOnRead());
    }
    return new EntryChannel(source, e, this, options.verifyOnRead());
  }

  /** A stream of the original bytes; checked at its end when the options ask for it. */
  @Override
  public InputStream stream(IndexEntry e) throws IOException {
    return stream(e, options.verifyOnRead());
  }

  /** A stream of the original bytes, checked against the checksum at its end if {@code verify}. */
  @Override
  public InputStream stream(IndexEntry e, boolean verify) throws IOException {
    checkReadable(e);
    InputStream raw = e.isExternal() ? external.storedStream(e)
        : new EntryInputStream(source, e.dataOffset(), e.storedLength());
    if (e.isEncrypted()) {
      raw = cipher.openingStream(e.dataOffset(), e.storedLength(), raw, e.name());
    }
    InputStream body = e.isCompressed() ? codec(e).decompressingStream(raw, e.size(), source.name()) : raw;
    return new VerifyingInputStream(body, e, verify ? this : null, source.name());
  }

  Codec codec(IndexEntry e) throws IOException {
    CodecId id = e.codec();
    if (id != CodecId.ZSTD_DICTIONARY) {
      return Codecs.of(id);
    }
    int d = e.dictionaryId();
    if (d < 1 || d >= dictionaries.length()) {
      throw new CorruptContainerException(source.name(), e.dataOffset(), e.name(), "unknown dictionary " + d);
    }
    Codec c = dictionaries.get(d);
    if (c == null) {
      c = ZstdDictionaries.prepared(loadDictionary(root.dictionaries().get(d - 1)), Codecs.DEFAULT_ZSTD_LEVEL);
      dictionaries.compareAndSet(d, null, c);
      c = dictionaries.get(d);
    }
    return c;
  }

  /** The dictionary's bytes, checked against its CRC. */
  public byte[] loadDictionary(RootBlock.DictRef ref) throws IOException {
    byte[] bytes;
    if (tail != null && ref.offset() >= tailStart) {
      int from = (int) (ref.offset() - tailStart);
      bytes = java.util.Arrays.copyOfRange(tail, from, from + ref.length());
    } else {
      bytes = source.readFully(ref.offset(), ref.length());
    }
    int crc = Checksums.crc32c(bytes, 0, bytes.length, bytes, 0, 0);
    if (crc != ref.crc()) {
      throw new CorruptContainerException(source.name(), ref.offset(), null, String.format(
          "dictionary %d checksum mismatch (stored %08x, computed %08x)", ref.id(), ref.crc(), crc));
    }
    // Dictionaries are trained on bodies, so an encrypted container seals them too.
    return cipher == null ? bytes
        : cipher.unbox(ContainerCipher.DICT, ref.offset(), ref.id(), bytes, 0, bytes.length, null);
  }
}
