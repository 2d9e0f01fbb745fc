package io.easystore.corrupt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds DES v1 containers byte by byte, exactly as the original Python writer lays them out
 * (docs/FORMAT.md, "DES v1"), with any name, flags and metadata bytes, including ones our writer
 * refuses (NUL, {@code ..}, duplicates) and metadata JSON only the original produces (bare
 * {@code NaN}, deep nesting). Not thread-safe.
 */
public final class V1Bytes {
  private record Entry(byte[] name, byte[] body, byte[] meta, int flags) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Adds a file; {@code metaJson} is stored verbatim (null: the writer's default {@code {"size": n}}). */
  public V1Bytes add(String name, byte[] body, String metaJson) {
    return add(name, body, metaJson, 0);
  }

  public V1Bytes add(String name, byte[] body, String metaJson, int flags) {
    String meta = metaJson != null ? metaJson : "{\"size\": " + body.length + "}";
    entries.add(new Entry(name.getBytes(StandardCharsets.UTF_8), body, meta.getBytes(StandardCharsets.UTF_8),
        flags));
    return this;
  }

  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("DESHEAD1".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
    long[] dataOff = new long[entries.size()];
    long pos = 16;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if ((e.flags() & 1) != 0) {
        dataOff[i] = 0;
        continue;
      }
      dataOff[i] = pos;
      out.writeBytes(e.body());
      pos += e.body().length;
    }
    long dataLength = pos - 16;
    long metaStart = pos;
    long[] metaOff = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      metaOff[i] = pos;
      out.writeBytes(entries.get(i).meta());
      pos += entries.get(i).meta().length;
    }
    long metaLength = pos - metaStart;
    long indexStart = pos;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      ByteBuffer b = ByteBuffer.allocate(2 + e.name().length + 36).order(ByteOrder.LITTLE_ENDIAN);
      b.putShort((short) e.name().length).put(e.name()).putLong(dataOff[i])
          .putLong((e.flags() & 1) != 0 ? e.body().length : e.body().length).putLong(metaOff[i])
          .putLong(e.meta().length).putInt(e.flags());
      out.writeBytes(b.array());
      pos += b.capacity();
    }
    long indexLength = pos - indexStart;
    ByteBuffer f = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
    f.put("DESFOOT1".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[7]);
    f.putLong(16).putLong(dataLength).putLong(metaStart).putLong(metaLength).putLong(indexStart)
        .putLong(indexLength).putLong(entries.size());
    out.writeBytes(f.array());
    return out.toByteArray();
  }
}
