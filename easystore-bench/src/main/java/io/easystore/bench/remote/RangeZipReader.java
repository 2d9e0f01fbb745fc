package io.easystore.bench.remote;

import io.easystore.io.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A minimal zip reader over range reads, written the way a careful remote zip reader works, as
 * the peer of DES in the remote benchmark: open reads the end of central directory (with its
 * ZIP64 records) from the tail the source fetched at open, then the whole central directory (no
 * request if it lies in the tail, else one per {@code maxRequestBytes}); a lookup then reads the
 * local header and the data together in one request, sized from the central directory (a second
 * request only if the local extra field is longer than the central one). Batches merge neighbours
 * with the same gap rule as DES. STORED entries only (what the benchmark writes). Not hardened
 * against hostile input: a benchmark peer, not a product.
 *
 * <p>Thread-safe after open: the directory is immutable and reads are positional.
 */
final class RangeZipReader implements AutoCloseable {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CEN = 0x02014b50;
  private static final int LOC = 0x04034b50;

  /** Where an entry lives: local header offset, stored length, and the central record's name+extra length. */
  private record Entry(long localOffset, long length, int nameAndExtra) {
    long guessEnd() {
      return localOffset + 30 + nameAndExtra + length;
    }
  }

  private final RangeSource source;
  private final Map<String, Entry> entries;

  private RangeZipReader(RangeSource source, Map<String, Entry> entries) {
    this.source = source;
    this.entries = entries;
  }

  static RangeZipReader open(RangeSource source) throws IOException {
    long size = source.size();
    // The last 64 KiB: what the remote source prefetched at open (an EOCD without a long comment lies there).
    int tailLength = (int) Math.min(size, 65_536);
    ByteBuffer tail = le(source.readFully(size - tailLength, tailLength));
    int eocd = -1;
    for (int i = tailLength - 22; i >= 0; i--) {
      if (tail.getInt(i) == EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new IOException(source.name() + ": no end of central directory");
    }
    long count = Short.toUnsignedInt(tail.getShort(eocd + 10));
    long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
    long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
    if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      int loc = eocd - 20;
      if (loc < 0 || tail.getInt(loc) != ZIP64_LOCATOR) {
        throw new IOException(source.name() + ": ZIP64 locator missing");
      }
      long z64 = tail.getLong(loc + 8);
      ByteBuffer rec = le(source.readFully(z64, 56));
      if (rec.getInt(0) != ZIP64_EOCD) {
        throw new IOException(source.name() + ": bad ZIP64 end record");
      }
      count = rec.getLong(32);
      cdSize = rec.getLong(40);
      cdOffset = rec.getLong(48);
    }
    if (cdSize > Integer.MAX_VALUE - 8) {
      throw new IOException(source.name() + ": central directory of " + cdSize + " bytes is too large here");
    }
    byte[] cdBytes = source.readFully(cdOffset, (int) cdSize);
    ByteBuffer cd = le(cdBytes);
    Map<String, Entry> map = new HashMap<>((int) Math.min(Integer.MAX_VALUE, count * 4 / 3 + 16));
    int p = 0;
    for (long i = 0; i < count; i++) {
      if (cd.getInt(p) != CEN) {
        throw new IOException(source.name() + ": bad central directory record at " + (cdOffset + p));
      }
      long comp = Integer.toUnsignedLong(cd.getInt(p + 20));
      long uncomp = Integer.toUnsignedLong(cd.getInt(p + 24));
      int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
      int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
      int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
      long lho = Integer.toUnsignedLong(cd.getInt(p + 42));
      String name = new String(cdBytes, p + 46, nameLen, StandardCharsets.UTF_8);
      int x = p + 46 + nameLen;
      int xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        int id = Short.toUnsignedInt(cd.getShort(x));
        int len = Short.toUnsignedInt(cd.getShort(x + 2));
        if (id == 1) {
          int q = x + 4;
          if (uncomp == 0xFFFFFFFFL) {
            q += 8;
          }
          if (comp == 0xFFFFFFFFL) {
            comp = cd.getLong(q);
            q += 8;
          }
          if (lho == 0xFFFFFFFFL) {
            lho = cd.getLong(q);
          }
        }
        x += 4 + len;
      }
      map.put(name, new Entry(lho, comp, nameLen + extraLen));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new RangeZipReader(source, map);
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private Entry entry(String name) throws IOException {
    Entry e = entries.get(name);
    if (e == null) {
      throw new java.nio.file.NoSuchFileException(name);
    }
    return e;
  }

  /** One entry's data: one request for the local header and the data together. */
  byte[] get(String name) throws IOException {
    Entry e = entry(name);
    byte[] block = source.readFully(e.localOffset(), (int) (e.guessEnd() - e.localOffset()));
    return extract(e, block, e.localOffset());
  }

  /** The data of {@code e} from a block read at {@code blockStart}; reads again if the local header is longer. */
  private byte[] extract(Entry e, byte[] block, long blockStart) throws IOException {
    ByteBuffer b = le(block);
    int at = (int) (e.localOffset() - blockStart);
    if (b.getInt(at) != LOC) {
      throw new IOException(source.name() + ": bad local header at " + e.localOffset());
    }
    int local = Short.toUnsignedInt(b.getShort(at + 26)) + Short.toUnsignedInt(b.getShort(at + 28));
    long dataAt = e.localOffset() + 30 + local;
    if (dataAt + e.length() > blockStart + block.length) {
      return source.readFully(dataAt, (int) e.length());
    }
    int from = (int) (dataAt - blockStart);
    return Arrays.copyOfRange(block, from, from + (int) e.length());
  }

  /**
   * Several entries, neighbours at most {@code maxGap} apart merged into one read, groups fetched
   * on {@code pool} ({@code null}: one after another).
   */
  Map<String, byte[]> getAll(List<String> names, long maxGap, ExecutorService pool) throws Exception {
    List<Entry> sorted = new ArrayList<>();
    Map<Entry, String> nameOf = new HashMap<>();
    for (String n : names) {
      Entry e = entry(n);
      sorted.add(e);
      nameOf.put(e, n);
    }
    sorted.sort(Comparator.comparingLong(Entry::localOffset));
    List<List<Entry>> groups = new ArrayList<>();
    long end = -1;
    for (Entry e : sorted) {
      if (groups.isEmpty() || e.localOffset() - end > maxGap) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(e);
      end = Math.max(end, e.guessEnd());
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<Future<Map<String, byte[]>>> futures = new ArrayList<>();
    for (List<Entry> g : groups) {
      java.util.concurrent.Callable<Map<String, byte[]>> task = () -> {
        long start = g.get(0).localOffset();
        long stop = g.stream().mapToLong(Entry::guessEnd).max().orElseThrow();
        byte[] block = source.readFully(start, (int) (stop - start));
        Map<String, byte[]> m = new HashMap<>();
        for (Entry e : g) {
          m.put(nameOf.get(e), extract(e, block, start));
        }
        return m;
      };
      if (pool == null) {
        out.putAll(task.call());
      } else {
        futures.add(pool.submit(task));
      }
    }
    for (Future<Map<String, byte[]>> f : futures) {
      out.putAll(f.get());
    }
    return out;
  }

  int size() {
    return entries.size();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
