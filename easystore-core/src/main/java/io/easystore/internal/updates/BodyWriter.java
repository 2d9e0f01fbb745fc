package io.easystore.internal.updates;

import io.easystore.ChecksumKind;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.codec.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Checksum;

/**
 * Writes new bodies where the transaction places them: checksums the original bytes, compresses
 * with the updater's codec and keeps the result only when it is smaller (decided on the whole body
 * up to {@link #IN_MEMORY_LIMIT}, else on its first {@link #IN_MEMORY_LIMIT} bytes, as the v2
 * writer does). Bodies known in memory go to a free extent when one fits; longer streamed bodies
 * are appended. Not thread-safe; keeps no reference to callers' arrays or streams.
 */
final class BodyWriter {
  static final int IN_MEMORY_LIMIT = 4 << 20;

  private final ContainerFile file;
  private final Txn txn;
  private final Codec codec;
  private final ChecksumKind kind;

  BodyWriter(ContainerFile file, Txn txn, Codec codec, ChecksumKind kind) {
    this.file = file;
    this.txn = txn;
    this.codec = codec;
    this.kind = kind;
  }

  /** Writes a body held in memory; returns the entry describing it. */
  DeltaEntry write(byte[] key, byte[] b, int off, int len, EntryAttributes a, byte[] meta) throws IOException {
    long sum = Checksums.of(kind, b, off, len);
    byte[] packed = null;
    if (codec.id() != CodecId.NONE && len > 0) {
      byte[] z = codec.compress(b, off, len);
      if (z.length < len) {
        packed = z;
      }
    }
    long stored = packed != null ? packed.length : len;
    long at = txn.place(stored);
    if (packed != null) {
      file.write(at, packed, 0, packed.length);
    } else {
      file.write(at, b, off, len);
    }
    int flags = DeltaEntry.attributeFlags(a) | (packed != null ? IndexEntry.COMPRESSED : 0);
    return new DeltaEntry(key, flags, at, stored, len, packed != null ? codec.id().id() : 0, 0, sum,
        a.mtimeMillis(), a.mode(), meta);
  }

  /** Writes a body read to its end from {@code in} (not closed). */
  DeltaEntry write(byte[] key, InputStream in, EntryAttributes a, byte[] meta) throws IOException {
    byte[] head = in.readNBytes(IN_MEMORY_LIMIT);
    int next = head.length < IN_MEMORY_LIMIT ? -1 : in.read();
    if (next < 0) {
      return write(key, head, 0, head.length, a, meta);
    }
    boolean compress = codec.id() != CodecId.NONE
        && codec.compress(head, 0, head.length).length < head.length - head.length / 32;
    Checksum sum = Checksums.create(kind);
    sum.update(head, 0, head.length);
    sum.update(next);
    long start = txn.appendStart();
    ContainerFile.CountingOutput raw = file.streamAt(start);
    long original = head.length + 1L;
    try {
      OutputStream out = compress ? codec.compressingStream(raw) : raw;
      try (out) {
        out.write(head);
        out.write(next);
        byte[] chunk = new byte[64 << 10];
        int n;
        while ((n = in.read(chunk)) >= 0) {
          sum.update(chunk, 0, n);
          out.write(chunk, 0, n);
          original += n;
        }
      }
    } catch (IOException | RuntimeException e) {
      raw.flush();
      txn.appended(start, raw.count());
      txn.freeLater(start, raw.count());
      throw e;
    }
    long stored = raw.count();
    txn.appended(start, stored);
    int flags = DeltaEntry.attributeFlags(a) | (compress ? IndexEntry.COMPRESSED : 0);
    return new DeltaEntry(key, flags, start, stored, original, compress ? codec.id().id() : 0, 0, sum.getValue(),
        a.mtimeMillis(), a.mode(), meta);
  }
}
