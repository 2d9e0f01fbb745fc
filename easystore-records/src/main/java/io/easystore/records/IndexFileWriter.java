package io.easystore.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.io.ContainerSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Builds a key index: sorted leaf blocks, then inner levels up to one root, then the footer. */
final class IndexFileWriter implements KeyIndexWriter {
  private record Pair(byte[] key, long pageOffset, int index) {}

  private record Ref(byte[] firstKey, long offset, int length) {}

  private static final Comparator<Pair> ORDER = (a, b) -> {
    int c = Arrays.compareUnsigned(a.key, b.key);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.pageOffset, b.pageOffset);
    return c != 0 ? c : Integer.compare(a.index, b.index);
  };

  private final ContainerSink sink;
  private final KeyType type;
  private final String keyName;
  private final UUID archiveId;
  private final String archiveName;
  private final List<Pair> pairs = new ArrayList<>();
  private boolean closed;

  IndexFileWriter(ContainerSink sink, KeyType type, String keyName, UUID archiveId, String archiveName) {
    this.sink = sink;
    this.type = Objects.requireNonNull(type, "type");
    this.keyName = Objects.requireNonNull(keyName, "keyName");
    this.archiveId = Objects.requireNonNull(archiveId, "archiveId");
    this.archiveName = archiveName == null ? "" : archiveName;
  }

  @Override
  public KeyType keyType() {
    return type;
  }

  @Override
  public void addEncoded(byte[] key, Bookmark at) {
    if (key.length > KeyType.MAX_KEY) {
      throw new IllegalArgumentException("index keys are at most " + KeyType.MAX_KEY + " bytes, got " + key.length);
    }
    pairs.add(new Pair(key.clone(), at.pageOffset(), at.index()));
  }

  @Override
  public void abort() throws IOException {
    if (!closed) {
      closed = true;
      sink.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      write();
      sink.publish();
    } finally {
      sink.close();
    }
  }

  private void write() throws IOException {
    pairs.sort(ORDER);
    ObjectNode m = RecordTypes.MAPPER.createObjectNode();
    m.put("format", "easystore-records-index");
    m.put("archiveId", archiveId.toString());
    m.put("archive", archiveName);
    m.put("key", keyName);
    m.put("keyType", type.label());
    m.put("created", Instant.now().toString());
    m.put("entries", pairs.size());
    byte[] json = m.toString().getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[(int) Format.align(Format.VOLUME_FIXED + json.length + 4)];
    System.arraycopy(IndexFormat.HEADER_MAGIC, 0, header, 0, 8);
    ByteBuilder.putLe16(header, 8, IndexFormat.VERSION);
    ByteBuilder.putLe32(header, 12, json.length);
    System.arraycopy(json, 0, header, Format.VOLUME_FIXED, json.length);
    ByteBuilder.putLe32(header, Format.VOLUME_FIXED + json.length, Format.crc(header, 0, Format.VOLUME_FIXED + json.length));
    sink.write(header, 0, header.length);

    long leafStart = sink.position();
    List<Ref> level = writeLeaves();
    long leafEnd = sink.position();
    int height = level.isEmpty() ? 0 : 1;
    while (level.size() > 1) {
      level = writeInner(level, height);
      height++;
    }
    byte[] f = new byte[IndexFormat.FOOTER];
    System.arraycopy(IndexFormat.FOOTER_MAGIC, 0, f, 0, 8);
    ByteBuilder.putLe16(f, 8, IndexFormat.VERSION);
    f[10] = (byte) height;
    if (!level.isEmpty()) {
      ByteBuilder.putLe32(f, 12, level.get(0).length);
      ByteBuilder.putLe64(f, 16, level.get(0).offset);
    }
    ByteBuilder.putLe64(f, 24, leafStart);
    ByteBuilder.putLe64(f, 32, leafEnd);
    ByteBuilder.putLe64(f, 40, pairs.size());
    ByteBuilder.putLe32(f, 60, Format.crc(f, 0, 60));
    sink.write(f, 0, f.length);
  }

  private List<Ref> writeLeaves() throws IOException {
    List<Ref> refs = new ArrayList<>();
    byte[] buf = new byte[IndexFormat.BLOCK_TARGET + KeyType.MAX_KEY + 64];
    int len = 0;
    int count = 0;
    byte[] first = null;
    for (Pair p : pairs) {
      if (count == 0) {
        first = p.key;
      }
      len = ByteBuilder.putVarLong(buf, len, p.key.length);
      System.arraycopy(p.key, 0, buf, len, p.key.length);
      len += p.key.length;
      len = ByteBuilder.putVarLong(buf, len, p.pageOffset / Format.ALIGN);
      len = ByteBuilder.putVarLong(buf, len, p.index);
      count++;
      if (len >= IndexFormat.BLOCK_TARGET) {
        refs.add(block(0, count, buf, len, first));
        len = 0;
        count = 0;
      }
    }
    if (count > 0) {
      refs.add(block(0, count, buf, len, first));
    }
    return refs;
  }

  private List<Ref> writeInner(List<Ref> children, int lvl) throws IOException {
    List<Ref> refs = new ArrayList<>();
    byte[] buf = new byte[IndexFormat.BLOCK_TARGET + KeyType.MAX_KEY + 64];
    int len = 0;
    int count = 0;
    byte[] first = null;
    for (Ref c : children) {
      if (count == 0) {
        first = c.firstKey;
      }
      len = ByteBuilder.putVarLong(buf, len, c.firstKey.length);
      System.arraycopy(c.firstKey, 0, buf, len, c.firstKey.length);
      len += c.firstKey.length;
      len = ByteBuilder.putVarLong(buf, len, c.offset);
      len = ByteBuilder.putVarLong(buf, len, c.length);
      count++;
      // At least two children per inner block, so every level is smaller than the one below.
      if (len >= IndexFormat.BLOCK_TARGET && count >= 2) {
        refs.add(block(lvl, count, buf, len, first));
        len = 0;
        count = 0;
      }
    }
    if (count > 0) {
      refs.add(block(lvl, count, buf, len, first));
    }
    return refs;
  }

  private Ref block(int lvl, int count, byte[] payload, int len, byte[] firstKey) throws IOException {
    byte[] b = new byte[IndexFormat.BLOCK_HEADER + len];
    System.arraycopy(IndexFormat.BLOCK_MAGIC, 0, b, 0, 4);
    b[4] = (byte) IndexFormat.VERSION;
    b[5] = (byte) lvl;
    ByteBuilder.putLe32(b, 8, count);
    ByteBuilder.putLe32(b, 12, len);
    ByteBuilder.putLe32(b, 16, Format.crc(payload, 0, len));
    ByteBuilder.putLe32(b, 20, Format.crc(b, 0, 20));
    System.arraycopy(payload, 0, b, IndexFormat.BLOCK_HEADER, len);
    long off = sink.position();
    sink.write(b, 0, b.length);
    return new Ref(firstKey, off, b.length);
  }
}
