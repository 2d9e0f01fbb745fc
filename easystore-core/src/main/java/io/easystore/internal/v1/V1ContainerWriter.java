package io.easystore.internal.v1;

import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.internal.common.ExternalWriter;
import io.easystore.internal.json.ReferenceJson;
import io.easystore.io.ContainerSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DES v1 in the reference writer's exact layout. Bodies stream straight to the sink; metadata and
 * index entries (small) are kept until close, because v1 puts them after the data.
 */
public final class V1ContainerWriter implements DesWriter {
  private static final int CHUNK = 64 << 10;

  private final ContainerSink sink;
  private final ByteArrayOutputStream meta = new ByteArrayOutputStream();
  private final List<IndexEntry> entries = new ArrayList<>();
  private final List<byte[]> names = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private long indexLength;
  private byte[] chunk;
  private boolean failed;
  private boolean finished;
  /** Stores bodies above the threshold as siblings; null when every body stays inside. */
  private final ExternalWriter external;

  /** @param options only {@code externalThreshold}, {@code checksum} and {@code tempDir} matter; null for none */
  public V1ContainerWriter(ContainerSink sink, io.easystore.WriterOptions options) throws IOException {
    this.sink = sink;
    this.external = options == null || options.externalThreshold() == io.easystore.WriterOptions.NO_EXTERNAL ? null
        : new ExternalWriter(sink, options, java.util.UUID.randomUUID(), null);
    try {
      sink.write(ByteBuffer.wrap(V1Footer.header()));
    } catch (IOException | RuntimeException e) {
      sink.close();
      throw e;
    }
  }

  @Override
  public void addFile(String name, byte[] body, ObjectNode meta) throws IOException {
    Objects.requireNonNull(body, "body");
    byte[] nameBytes = begin(name);
    if (external != null && external.exceeds(body.length)) {
      String key = external.v1Location(name);
      io.easystore.internal.common.EntryFields f = new io.easystore.internal.common.EntryFields();
      external.write(key, body, io.easystore.internal.codec.Codecs.none(), f);
      finish(name, nameBytes, 0, body.length,
          ExternalWriter.withKey(sizeFirst(meta, body.length), external.v1MetaKey(key)), IndexEntry.EXTERNAL);
      return;
    }
    long offset = sink.position();
    try {
      sink.write(ByteBuffer.wrap(body));
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    finish(name, nameBytes, offset, body.length, meta, 0);
  }

  @Override
  public void addFile(String name, InputStream body, ObjectNode meta) throws IOException {
    Objects.requireNonNull(body, "body");
    byte[] nameBytes = begin(name);
    if (external != null) {
      try (ExternalWriter.Intake in = external.take(body)) {
        if (in.external()) {
          String key = external.v1Location(name);
          io.easystore.internal.common.EntryFields f = new io.easystore.internal.common.EntryFields();
          external.write(key, in.head(), in.head().length, in.remainder(), io.easystore.internal.codec.Codecs.none(), f);
          finish(name, nameBytes, 0, f.originalLength,
              ExternalWriter.withKey(sizeFirst(meta, f.originalLength), external.v1MetaKey(key)), IndexEntry.EXTERNAL);
          return;
        }
        long offset = sink.position();
        try {
          sink.write(ByteBuffer.wrap(in.head()));
        } catch (IOException | RuntimeException e) {
          failed = true;
          throw e;
        }
        copyInline(name, nameBytes, offset, in.head().length, in.remainder(), meta);
        return;
      }
    }
    copyInline(name, nameBytes, sink.position(), 0, body, meta);
  }

  /** Appends {@code body} after {@code already} bytes of this entry that were written at {@code offset}. */
  private void copyInline(String name, byte[] nameBytes, long offset, long already, InputStream body, ObjectNode meta)
      throws IOException {
    if (chunk == null) {
      chunk = new byte[CHUNK];
    }
    long length = already;
    try {
      int n;
      while ((n = body.read(chunk)) >= 0) {
        sink.write(chunk, 0, n);
        length += n;
      }
    } catch (IOException | RuntimeException e) {
      // Part of a body is already in the data region: this container can no longer be completed.
      failed = true;
      throw e;
    }
    finish(name, nameBytes, offset, length, meta, 0);
  }

  @Override
  public void addFile(String name, Path file, ObjectNode meta) throws IOException {
    byte[] nameBytes = begin(name);
    try (InputStream in = Files.newInputStream(file)) {
      if (external == null || external.exceeds(Files.size(file))) {
        addFile(name, in, meta);
      } else {
        // Known to stay inside: no need to spool it up to the threshold first.
        copyInline(name, nameBytes, sink.position(), 0, in, meta);
      }
    }
  }

  /** The caller's keys then "size", as the reference orders them before the external keys. */
  private static ObjectNode sizeFirst(ObjectNode callerMeta, long length) {
    ObjectNode m = callerMeta == null ? ReferenceJson.object() : callerMeta.deepCopy();
    m.put("size", length);
    return m;
  }

  private byte[] begin(String name) throws IOException {
    if (finished) {
      throw new IOException(sink.name() + ": writer is closed");
    }
    if (failed) {
      throw new IOException(sink.name() + ": an earlier write failed; this container cannot be completed");
    }
    byte[] nameBytes = V1Index.validateName(name);
    if (seen.contains(name)) {
      throw new IllegalArgumentException("duplicate entry name '" + name + "' in " + sink.name());
    }
    return nameBytes;
  }

  private void finish(String name, byte[] nameBytes, long offset, long length, ObjectNode callerMeta, int flags) {
    ObjectNode m = callerMeta == null ? ReferenceJson.object() : callerMeta.deepCopy();
    // Python's dict keeps an existing "size" key in place and appends a new one last.
    m.put("size", length);
    byte[] json = ReferenceJson.toBytes(m);
    long metaOffset = meta.size();
    meta.writeBytes(json);
    entries.add(IndexEntry.v1(name, offset, length, metaOffset, json.length, flags));
    names.add(nameBytes);
    seen.add(name);
    indexLength += V1Index.encodedSize(nameBytes);
  }

  @Override
  public long count() {
    return entries.size();
  }

  @Override
  public long bytesWritten() {
    return sink.position();
  }

  @Override
  public void abort() throws IOException {
    finished = true;
    sink.close();
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    if (failed) {
      sink.close();
      throw new IOException(sink.name() + ": not written, because an earlier write failed");
    }
    try {
      long dataStart = V1Footer.HEADER_SIZE;
      long metaStart = sink.position();
      long dataLength = metaStart - dataStart;
      meta.writeTo(new SinkOutput(sink));
      long indexStart = sink.position();
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      for (int i = 0; i < entries.size(); i++) {
        IndexEntry e = entries.get(i);
        byte[] n = names.get(i);
        if (buf.remaining() < V1Index.encodedSize(n)) {
          sink.write(buf.flip());
          buf = buf.capacity() >= V1Index.encodedSize(n) ? buf.clear() : ByteBuffer.allocate(V1Index.encodedSize(n));
        }
        V1Index.encode(buf, n, IndexEntry.v1(e.name(), e.dataOffset(), e.storedLength(),
            metaStart + e.metaOffset(), e.metaLength(), e.flags()));
      }
      sink.write(buf.flip());
      V1Footer footer = new V1Footer(dataStart, dataLength, metaStart, meta.size(),
          indexStart, indexLength, entries.size());
      sink.write(ByteBuffer.wrap(footer.encode()));
      sink.publish();
    } finally {
      sink.close();
    }
  }

  /** Adapts the sink for {@link ByteArrayOutputStream#writeTo}. */
  private static final class SinkOutput extends java.io.OutputStream {
    private final ContainerSink sink;

    SinkOutput(ContainerSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
      sink.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
    }
  }
}
