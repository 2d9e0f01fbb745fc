package io.easystore.internal.v2;

import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.EntryFields;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The writer's private serialisation of an index entry, used for sort runs on disk: every field
 * at full precision, key first. Never stored in a container. Stateless and thread-safe.
 */
final class RecordCodec {
  private RecordCodec() {}

  static void encode(ByteBuilder out, EntryFields e) {
    out.varLong(e.keyLength).bytes(e.key, 0, e.keyLength)
        .varLong(e.flags).varLong(e.dataOffset).varLong(e.storedLength).varLong(e.originalLength)
        .u8(e.codec).varLong(e.dictionaryId).le64(e.checksum).zigzag(e.mtimeMillis).zigzag(e.mode)
        .varLong(e.metaOffset).varLong(e.metaLength);
  }

  /** Decodes one record from an in-memory array; returns the position after it. */
  static int decode(byte[] b, int p, EntryFields e) {
    long[] v = {0};
    p = var(b, p, v);
    int keyLen = (int) v[0];
    e.setKey(b, p, keyLen);
    p += keyLen;
    p = var(b, p, v);
    e.flags = (int) v[0];
    p = var(b, p, v);
    e.dataOffset = v[0];
    p = var(b, p, v);
    e.storedLength = v[0];
    p = var(b, p, v);
    e.originalLength = v[0];
    e.codec = b[p++] & 0xff;
    p = var(b, p, v);
    e.dictionaryId = (int) v[0];
    e.checksum = io.easystore.internal.bytes.ByteCursor.getLe64(b, p);
    p += 8;
    p = var(b, p, v);
    e.mtimeMillis = unzig(v[0]);
    p = var(b, p, v);
    e.mode = (int) unzig(v[0]);
    p = var(b, p, v);
    e.metaOffset = v[0];
    p = var(b, p, v);
    e.metaLength = v[0];
    return p;
  }

  /** The key of the record at {@code p}: its length in {@code out[0]}, its start returned. */
  static int keyAt(byte[] b, int p, long[] out) {
    return var(b, p, out);
  }

  private static int var(byte[] b, int p, long[] out) {
    long r = 0;
    int shift = 0;
    while (true) {
      byte x = b[p++];
      r |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        out[0] = r;
        return p;
      }
      shift += 7;
    }
  }

  private static long unzig(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Writes a record to a run: its length, then its bytes. */
  static void writeFramed(java.io.OutputStream out, byte[] b, int off, int len) throws IOException {
    int v = len;
    while ((v & ~0x7f) != 0) {
      out.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write(v);
    out.write(b, off, len);
  }

  /** Reads one framed record from a run into {@code buf}; false at a clean end. */
  static boolean readFramed(InputStream in, ByteBuilder buf) throws IOException {
    buf.clear();
    int x = in.read();
    if (x < 0) {
      return false;
    }
    int len = x & 0x7f;
    int shift = 7;
    while ((x & 0x80) != 0) {
      x = in.read();
      if (x < 0 || shift > 28) {
        throw new EOFException("sort run ends inside a record length");
      }
      len |= (x & 0x7f) << shift;
      shift += 7;
    }
    buf.zeros(len);
    int got = in.readNBytes(buf.array(), 0, len);
    if (got != len) {
      throw new EOFException("sort run ends inside a record");
    }
    return true;
  }
}
