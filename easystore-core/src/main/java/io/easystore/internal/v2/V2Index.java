package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.crypto.ContainerCipher;
import io.easystore.io.RangeSource;
import java.io.IOException;

/**
 * Navigates the paged index of a DES v2 container: point lookups descend from the root (held
 * since open) through one page per level; cursors walk entries in key order from any key. Pages
 * come from the bytes fetched with the footer when they lie there, else from the page cache, else
 * from one positional read each.
 *
 * <p>Thread-safe: the root and cached pages are immutable; lookups and cursors keep their state
 * in their own objects.
 */
public final class V2Index {
  private final RangeSource source;
  private final V2Footer footer;
  private final RootBlock root;
  private final byte[] tail;
  private final long tailStart;
  private final PageCache cache;
  private final ContainerCipher cipher;

  /** @param cipher opens sealed pages when the container's index is encrypted, else null */
  public V2Index(RangeSource source, V2Footer footer, RootBlock root, byte[] tail, long tailStart, PageCache cache,
      ContainerCipher cipher) {
    this.cipher = cipher;
    this.source = source;
    this.footer = footer;
    this.root = root;
    this.tail = tail;
    this.tailStart = tailStart;
    this.cache = cache;
  }

  public V2Footer footer() {
    return footer;
  }

  RootBlock rootBlock() {
    return root;
  }

  int dictionaries() {
    return root.dictionaries().size();
  }

  /**
   * Loads (or finds cached) child {@code childIndex} of {@code parent}, a node of {@code span}
   * pages at page number {@code start}. A page is validated once, when loaded: checksum, every
   * entry, and its keys against the range its parent's separators give it; a cache hit only checks
   * that the page is still reached from the same parent slot.
   */
  Node page(Node parent, int childIndex, long start, int span) throws IOException {
    int level = parent.level() - 1;
    Node n = cache.get(start);
    if (n != null) {
      if (n.level() != level) {
        throw new CorruptContainerException(source.name(), start << footer.pageShift(), null,
            "index page at level " + n.level() + " is referenced as level " + level);
      }
      if (n.owner() != parent.fileOffset() || n.ownerIndex() != childIndex) {
        throw new CorruptContainerException(source.name(), start << footer.pageShift(), null,
            "index page is referenced by two parent entries (offset " + n.owner() + " child " + n.ownerIndex()
                + " and offset " + parent.fileOffset() + " child " + childIndex + ")");
      }
      return n;
    }
    byte[][] range = NodeCursor.childRange(parent, childIndex, parent.lower(), parent.upper(), footer,
        dictionaries());
    n = load(start, span, level, false);
    NodeCursor.validate(n, footer, dictionaries(), range[0], range[1]);
    n = n.ownedBy(parent.fileOffset(), childIndex, range[0], range[1]);
    cache.put(start, n, n.length());
    return n;
  }

  /**
   * Reads, opens (when sealed) and parses the node at page {@code start}, bypassing the cache.
   * With {@code checkPadding}, bytes of the span after the node (or after its seal) must be zero,
   * as the writer leaves them: {@code verify} uses it so that no byte of the file goes unchecked.
   */
  Node load(long start, int span, int level, boolean checkPadding) throws IOException {
    long offset = start << footer.pageShift();
    int length = span << footer.pageShift();
    byte[] buf;
    int base;
    if (offset >= tailStart) {
      buf = tail;
      base = (int) (offset - tailStart);
    } else {
      buf = source.readFully(offset, length);
      base = 0;
    }
    int used;
    Node n;
    if (cipher != null) {
      used = cipher.sealedPageLength(offset, buf, base, length);
      byte[] plain = cipher.openPage(offset, level, buf, base, length);
      n = Node.parse(source.name(), offset, plain, 0, plain.length, level);
      if (n.length() != plain.length) {
        throw new CorruptContainerException(source.name(), offset, null, "encrypted index page holds a node of "
            + n.length() + " bytes and " + (plain.length - n.length()) + " more");
      }
    } else {
      n = Node.parse(source.name(), offset, buf, base, length, level);
      used = n.length();
    }
    if (checkPadding) {
      for (int i = used; i < length; i++) {
        if (buf[base + i] != 0) {
          throw new CorruptContainerException(source.name(), offset + i, null,
              "index page padding is not zero after the node's " + used + " bytes");
        }
      }
    }
    return n;
  }

  /**
   * Finds the entry with exactly this key; its fields land in {@code out}. Every node it visits
   * was validated when loaded, so the search takes the trusted fast path.
   */
  public boolean find(byte[] key, EntryFields out) throws IOException {
    Node n = root.root();
    long[] child = new long[3];
    while (!n.isLeaf()) {
      TrustedSearch.floorChild(n, key, child);
      n = page(n, (int) child[2], child[0], (int) child[1]);
    }
    return TrustedSearch.find(n, key, out, footer, dictionaries());
  }

  public Cursor cursor() {
    return new Cursor();
  }

  /** Walks entries in key order. Not thread-safe: one per walk. */
  public final class Cursor implements KeyCursor {
    private final EntryFields fields = new EntryFields();
    private final Node[] nodes = new Node[V2Footer.MAX_HEIGHT];
    private final int[] index = new int[V2Footer.MAX_HEIGHT];
    private NodeCursor leaf;

    @Override
    public EntryFields fields() {
      return fields;
    }

    @Override
    public boolean seek(byte[] key) throws IOException {
      return seekCeil(key);
    }

    /** Positions on the first entry whose key is at least {@code key}; false when there is none. */
    public boolean seekCeil(byte[] key) throws IOException {
      Node n = root.root();
      while (!n.isLeaf()) {
        NodeCursor c = new NodeCursor(n, footer, dictionaries(), fields);
        c.seekFloorChild(key, key.length);
        nodes[n.level()] = n;
        index[n.level()] = c.chosenIndex();
        n = page(n, c.chosenIndex(), c.childStart(), c.childSpan());
      }
      leaf = new NodeCursor(n, footer, dictionaries(), fields);
      if (leaf.seekCeil(key, key.length)) {
        return true;
      }
      return next();
    }

    /** Moves to the next entry; false at the end of the index. */
    @Override
    public boolean next() throws IOException {
      while (true) {
        if (leaf.hasNext()) {
          leaf.next();
          return true;
        }
        if (!nextLeaf()) {
          return false;
        }
      }
    }

    private boolean nextLeaf() throws IOException {
      int top = root.root().level();
      for (int level = 1; level <= top; level++) {
        if (index[level] + 1 < nodes[level].count()) {
          index[level]++;
          Node child = childOf(level);
          for (int l = level - 1; l >= 1; l--) {
            nodes[l] = child;
            index[l] = 0;
            child = childOf(l);
          }
          leaf = new NodeCursor(child, footer, dictionaries(), fields);
          return true;
        }
      }
      return false;
    }

    private Node childOf(int level) throws IOException {
      NodeCursor c = new NodeCursor(nodes[level], footer, dictionaries(), fields);
      c.seekIndex(index[level]);
      return page(nodes[level], index[level], c.childStart(), c.childSpan());
    }
  }
}
