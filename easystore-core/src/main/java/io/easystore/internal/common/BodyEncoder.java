package io.easystore.internal.common;

import io.easystore.ChecksumKind;
import io.easystore.IndexEntry;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.codec.Codec;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.io.ContainerSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * Writes entry bodies to the data region: checksums the original bytes, compresses with the
 * given codec and keeps the result only if it is smaller. Bodies up to {@link #IN_MEMORY_LIMIT}
 * are decided on their whole content; longer ones are streamed and decided on their first
 * {@link #IN_MEMORY_LIMIT} bytes. Not thread-safe; keeps no reference to the caller's arrays.
 */
public final class BodyEncoder {
  /** Bodies up to this size are compressed in memory. */
  public static final int IN_MEMORY_LIMIT = 4 << 20;
  private static final int CHUNK = 64 << 10;

  private final ContainerSink sink;
  private final ChecksumKind kind;
  private final ContainerCipher cipher;
  private byte[] chunk;

  public BodyEncoder(ContainerSink sink, ChecksumKind kind) {
    this(sink, kind, null);
  }

  /** @param cipher seals every body (after compression); null writes plaintext bodies */
  public BodyEncoder(ContainerSink sink, ChecksumKind kind, ContainerCipher cipher) {
    this.sink = sink;
    this.kind = kind;
    this.cipher = cipher;
  }

  /** Writes a body held in memory and fills the body fields of {@code e}. */
  public void write(byte[] b, int off, int len, Codec codec, int dictionaryId, EntryFields e) throws IOException {
    long sum = Checksums.of(kind, b, off, len);
    byte[] packed = null;
    if (codec.id() != CodecId.NONE && len > 0) {
      byte[] z = codec.compress(b, off, len);
      if (z.length < len) {
        packed = z;
      }
    }
    e.dataOffset = sink.position();
    if (packed != null) {
      setCompressed(e, codec, dictionaryId, packed.length);
      put(e, packed, 0, packed.length);
    } else {
      setRaw(e, len);
      put(e, b, off, len);
    }
    e.originalLength = len;
    e.checksum = sum;
  }

  private void put(EntryFields e, byte[] b, int off, int len) throws IOException {
    if (cipher == null) {
      sink.write(ByteBuffer.wrap(b, off, len));
      return;
    }
    byte[] sealed = cipher.sealBody(e.dataOffset, b, off, len);
    sink.write(ByteBuffer.wrap(sealed));
    e.flags |= IndexEntry.ENCRYPTED;
    e.storedLength = sealed.length;
  }

  /**
   * Streams a body longer than {@link #IN_MEMORY_LIMIT}: {@code head} holds its first
   * {@code headLength} bytes, {@code rest} the remainder (read to its end, not closed).
   */
  public void writeLarge(byte[] head, int headLength, InputStream rest, Codec codec, EntryFields e) throws IOException {
    Checksum sum = Checksums.create(kind);
    boolean compress = false;
    if (codec.id() != CodecId.NONE) {
      // The first megabytes decide: compressing them is also the cheapest compressibility test.
      compress = codec.compress(head, 0, headLength).length < headLength - headLength / 32;
    }
    long start = sink.position();
    e.dataOffset = start;
    long total;
    sum.update(head, 0, headLength);
    if (chunk == null) {
      chunk = new byte[CHUNK];
    }
    OutputStream target = new SinkOutput(sink);
    if (cipher != null) {
      target = cipher.sealingStream(start, target);
    }
    try (OutputStream out = target) {
      if (compress) {
        try (OutputStream z = codec.compressingStream(out)) {
          total = copy(head, headLength, rest, z, sum);
        }
      } else {
        total = copy(head, headLength, rest, out, sum);
      }
    }
    if (compress) {
      setCompressed(e, codec, 0, sink.position() - start);
    } else {
      setRaw(e, sink.position() - start);
    }
    if (cipher != null) {
      e.flags |= IndexEntry.ENCRYPTED;
    }
    e.originalLength = total;
    e.checksum = sum.getValue();
  }

  /** Writes head and rest to {@code out}, checksumming the rest; returns the total length. */
  private long copy(byte[] head, int headLength, InputStream rest, OutputStream out, Checksum sum) throws IOException {
    out.write(head, 0, headLength);
    long total = headLength;
    int n;
    while ((n = rest.read(chunk)) >= 0) {
      sum.update(chunk, 0, n);
      out.write(chunk, 0, n);
      total += n;
    }
    return total;
  }

  private static void setCompressed(EntryFields e, Codec codec, int dictionaryId, long stored) {
    e.flags = (e.flags & ~IndexEntry.ENCRYPTED) | IndexEntry.COMPRESSED;
    e.codec = codec.id().id();
    e.dictionaryId = codec.id() == CodecId.ZSTD_DICTIONARY ? dictionaryId : 0;
    e.storedLength = stored;
  }

  private static void setRaw(EntryFields e, long len) {
    e.flags &= ~(IndexEntry.COMPRESSED | IndexEntry.ENCRYPTED);
    e.codec = 0;
    e.dictionaryId = 0;
    e.storedLength = len;
  }

  /** The sink as an OutputStream whose close() leaves the sink open. */
  private static final class SinkOutput extends OutputStream {
    private final ContainerSink sink;

    SinkOutput(ContainerSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      sink.write(ByteBuffer.wrap(new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(ByteBuffer.wrap(b, off, len));
    }
  }
}
