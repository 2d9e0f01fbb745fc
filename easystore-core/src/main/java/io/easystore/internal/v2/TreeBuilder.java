package io.easystore.internal.v2;

import io.easystore.IndexEntry;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.common.Spool;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.io.ContainerSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the DES v2 index tree bottom-up from entries in key order: leaves go to the sink as
 * aligned pages while their child references are spooled; each higher level is built from the
 * spool of the level below, until one level fits in the root node. When every entry fits in the
 * root node, the root is a leaf and no page is written. Memory stays bounded: one page, plus the
 * entries of a would-be root leaf (at most the root budget's worth). Not thread-safe.
 */
final class TreeBuilder {
  /** Inner pages take at least this many children, growing past one page if they must. */
  private static final int MIN_FAN_OUT = 4;

  /** The finished index: root node bytes, height and counts for the root block. */
  record Result(byte[] rootNode, int height, long entries, long liveFiles, long directories, long deleted,
      long originalBytes, long storedBytes) {}

  private final ContainerSink sink;
  private final int pageShift;
  private final int page;
  private final int checksumSize;
  private final int rootBudget;
  private final Path tempDir;
  private final ContainerCipher cipher;
  /** Bytes of a page the node may fill: all of it, less the seal when pages are encrypted. */
  private final int capacity;
  private long entries;
  private long live;
  private long dirs;
  private long deleted;
  private long original;
  private long stored;

  /** @param cipher seals each page; null writes plaintext pages */
  TreeBuilder(ContainerSink sink, int pageShift, int checksumSize, int rootBudget, Path tempDir,
      ContainerCipher cipher) {
    this.cipher = cipher;
    this.capacity = (1 << pageShift) - (cipher == null ? 0 : ContainerCipher.PAGE_OVERHEAD);
    this.sink = sink;
    this.pageShift = pageShift;
    this.page = 1 << pageShift;
    this.checksumSize = checksumSize;
    this.rootBudget = rootBudget;
    this.tempDir = tempDir;
  }

  Result build(EntrySorter.Source source) throws IOException {
    if ((sink.position() & (page - 1)) != 0) {
      throw new IllegalStateException("index must start on a page boundary");
    }
    NodeBuilder rootLeaf = new NodeBuilder(0, checksumSize, 0);
    List<EntryFields> pending = new ArrayList<>();
    Level leaves = null;
    EntryFields e = new EntryFields();
    while (source.next(e)) {
      count(e);
      if (leaves == null) {
        if (rootLeaf.tryAddLeaf(e, rootBudget)) {
          EntryFields copy = new EntryFields();
          copy.copyFrom(e);
          pending.add(copy);
          continue;
        }
        leaves = new Level(0);
        for (EntryFields p : pending) {
          leaves.addLeaf(p);
        }
        pending = null;
      }
      leaves.addLeaf(e);
    }
    if (leaves == null) {
      return result(rootLeaf.finish(rootLeaf.size()), 1);
    }
    Spool children = leaves.finish();
    try {
      for (int level = 1; ; level++) {
        NodeBuilder root = new NodeBuilder(level, checksumSize, 0);
        if (fitsInRoot(children, root)) {
          return result(root.finish(root.size()), level + 1);
        }
        if (level + 1 >= V2Footer.MAX_HEIGHT) {
          throw new IOException(sink.name() + ": the index would need more than " + V2Footer.MAX_HEIGHT
              + " levels (extremely long, similar paths); use shorter paths");
        }
        Level inner = new Level(level);
        try (InputStream in = children.open()) {
          Child c = new Child();
          while (c.read(in)) {
            inner.addChild(c);
          }
        }
        Spool next = inner.finish();
        children.close();
        children = next;
      }
    } finally {
      children.close();
    }
  }

  private Result result(byte[] root, int height) {
    return new Result(root, height, entries, live, dirs, deleted, original, stored);
  }

  private void count(EntryFields e) {
    entries++;
    if ((e.flags & IndexEntry.DELETED) != 0) {
      deleted++;
    } else if (e.isDirectory()) {
      dirs++;
    } else {
      live++;
      original += e.originalLength;
      stored += (e.flags & IndexEntry.EXTERNAL) != 0 ? 0 : e.storedLength;
    }
  }

  private boolean fitsInRoot(Spool children, NodeBuilder root) throws IOException {
    try (InputStream in = children.open()) {
      Child c = new Child();
      while (c.read(in)) {
        if (!root.tryAddChild(c.sep, c.sepLength, c.start, c.span, rootBudget)) {
          return false;
        }
      }
    }
    return true;
  }

  /** One level of aligned pages being written, spooling a child reference per page. */
  private final class Level {
    private final NodeBuilder node;
    private final Spool out = new Spool(tempDir, "des-level-", 8 << 20);
    private final ByteBuilder record = new ByteBuilder(64);
    private byte[] pageSep = new byte[0];
    private int pageSepLength;
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;
    private boolean first = true;

    Level(int level) {
      node = new NodeBuilder(level, checksumSize, 0);
    }

    void addLeaf(EntryFields e) throws IOException {
      if (node.count() > 0 && !node.tryAddLeaf(e, capacity)) {
        flush();
      }
      if (node.count() == 0) {
        setSeparator(e.key, e.keyLength);
        node.tryAddLeaf(e, Integer.MAX_VALUE);
      }
      if (lastKey.length < e.keyLength) {
        lastKey = new byte[Math.max(e.keyLength, lastKey.length * 2)];
      }
      System.arraycopy(e.key, 0, lastKey, 0, e.keyLength);
      lastKeyLength = e.keyLength;
    }

    /** The shortest prefix of the page's first key that is above the previous page's last key. */
    private void setSeparator(byte[] key, int len) {
      if (first) {
        pageSepLength = 0;
        return;
      }
      int n = Math.min(len, lastKeyLength);
      int m = Arrays.mismatch(key, 0, n, lastKey, 0, n);
      int sepLen = Math.min(len, (m < 0 ? n : m) + 1);
      pageSep = Arrays.copyOf(key, sepLen);
      pageSepLength = sepLen;
    }

    void addChild(Child c) throws IOException {
      int room = node.count() < MIN_FAN_OUT ? Integer.MAX_VALUE : capacity;
      if (node.count() > 0 && !node.tryAddChild(c.sep, c.sepLength, c.start, c.span, room)) {
        flush();
      }
      if (node.count() == 0) {
        pageSep = Arrays.copyOf(c.sep, c.sepLength);
        pageSepLength = c.sepLength;
        node.tryAddChild(c.sep, c.sepLength, c.start, c.span, Integer.MAX_VALUE);
      }
    }

    private void flush() throws IOException {
      int size = node.size() + (page - capacity);
      int span = (size + page - 1) >> pageShift;
      long start = sink.position() >> pageShift;
      if (cipher == null) {
        sink.write(ByteBuffer.wrap(node.finish(span << pageShift)));
      } else {
        byte[] plain = node.finish(node.size());
        byte[] sealed = cipher.sealPage(sink.position(), node.level(), plain, plain.length);
        byte[] padded = Arrays.copyOf(sealed, span << pageShift);
        sink.write(ByteBuffer.wrap(padded));
      }
      record.clear();
      record.varLong(pageSepLength).bytes(pageSep, 0, pageSepLength).varLong(start).varLong(span);
      out.write(record.array(), 0, record.size());
      first = false;
    }

    Spool finish() throws IOException {
      if (node.count() > 0) {
        flush();
      }
      out.finishWriting();
      return out;
    }
  }

  /** A spooled child reference: separator, first page, span in pages. */
  private static final class Child {
    byte[] sep = new byte[64];
    int sepLength;
    long start;
    int span;

    boolean read(InputStream in) throws IOException {
      int first = in.read();
      if (first < 0) {
        return false;
      }
      sepLength = (int) var(in, first);
      if (sep.length < sepLength) {
        sep = new byte[sepLength];
      }
      if (in.readNBytes(sep, 0, sepLength) != sepLength) {
        throw new EOFException("child spool ends inside a separator");
      }
      start = var(in, in.read());
      span = (int) var(in, in.read());
      return true;
    }

    private static long var(InputStream in, int first) throws IOException {
      long r = 0;
      int shift = 0;
      int x = first;
      while (true) {
        if (x < 0) {
          throw new EOFException("child spool ends inside a varint");
        }
        r |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          return r;
        }
        shift += 7;
        x = in.read();
      }
    }
  }
}
