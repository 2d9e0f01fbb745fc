package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.common.EntryFields;
import java.util.Arrays;

/**
 * Decodes the entries of one {@link Node} in order, starting at any restart point, and searches
 * it. For leaves each decoded entry's fields land in {@link #fields()}; for inner nodes the key
 * lands there and the child's location in {@link #childStart()} and {@link #childSpan()}.
 *
 * <p>Inner entry layout after the key: {@code span varint} (child size in pages, at least 1), and
 * on restart entries {@code start varint} (the child's page number, offset = start x page size);
 * other entries start where the previous child ends. The first entry of an inner node has an
 * empty key: it covers everything below the second separator.
 *
 * <p>Mutable and not thread-safe: one cursor per lookup or listing.
 */
public final class NodeCursor {
  /** Children are at most this many pages: a node never exceeds {@link PageFormat#MAX_NODE_BYTES}. */
  private static final int MAX_SPAN = PageFormat.MAX_NODE_BYTES >> V2Footer.MIN_PAGE_SHIFT;

  private final Node node;
  private final V2Footer footer;
  private final int dictionaries;
  private final EntryFields fields;
  private final ByteCursor c;
  private int next;
  private long base;
  private long childStart;
  private int childSpan;
  private long nextStart;
  private boolean prevValid;

  public NodeCursor(Node node, V2Footer footer, int dictionaries, EntryFields fields) {
    this.node = node;
    this.footer = footer;
    this.dictionaries = dictionaries;
    this.fields = fields;
    this.c = new ByteCursor(node.container(), node.fileOffset() - node.base(), node.buf(), node.base(),
        node.base() + node.length());
    seekGroup(0);
  }

  /**
   * Decodes every entry of {@code node} once, so that a node used for lookups is consistent
   * throughout: keys strictly ascending, restart offsets on entry boundaries, every field valid,
   * the last entry ending exactly at the node's end. A page is validated when it is loaded, not on
   * every lookup.
   */
  public static void validate(Node node, V2Footer footer, int dictionaries) throws CorruptContainerException {
    validate(node, footer, dictionaries, null, null);
  }

  /**
   * As {@link #validate(Node, V2Footer, int)}, and also: every leaf key is the key of a valid path
   * (one NUL, no {@code /} in the base name, see {@link V2Paths#keyProblem}), and every key (for
   * an inner node every separator after the first, empty one) lies in {@code [lower, upper)}, the
   * range the parent's separators give this node (null: unbounded). A key outside it would be
   * listed but never found by a point lookup, which descends by the separators.
   */
  public static void validate(Node node, V2Footer footer, int dictionaries, byte[] lower, byte[] upper)
      throws CorruptContainerException {
    NodeCursor c = new NodeCursor(node, footer, dictionaries, new EntryFields());
    EntryFields f = c.fields;
    while (c.hasNext()) {
      int at = c.c.pos();
      c.next();
      if (node.isLeaf()) {
        String problem = V2Paths.keyProblem(f.key, f.keyLength);
        if (problem != null) {
          throw c.c.corruptAt(at, problem);
        }
      } else if (c.index() == 0) {
        continue;
      }
      // Keys ascend, so only the first and the last can leave the range.
      boolean edge = c.index() == (node.isLeaf() ? 0 : 1) || !c.hasNext();
      if (edge && ((lower != null && Arrays.compareUnsigned(f.key, 0, f.keyLength, lower, 0, lower.length) < 0)
          || (upper != null && Arrays.compareUnsigned(f.key, 0, f.keyLength, upper, 0, upper.length) >= 0))) {
        throw c.c.corruptAt(at, "key outside the range its parent's separators give this index page");
      }
    }
  }

  /**
   * The key range {@code [lower, upper)} of child {@code i} of the inner node {@code parent}, whose
   * own range is {@code [parentLower, parentUpper)}: from its separator (the parent's lower bound
   * for the first child) to the next separator (the parent's upper bound for the last).
   */
  public static byte[][] childRange(Node parent, int i, byte[] parentLower, byte[] parentUpper, V2Footer footer,
      int dictionaries) throws CorruptContainerException {
    NodeCursor c = new NodeCursor(parent, footer, dictionaries, new EntryFields());
    c.seekIndex(i);
    byte[] lower = i == 0 ? parentLower : c.fields.keyCopy();
    byte[] upper = parentUpper;
    if (c.hasNext()) {
      c.next();
      upper = c.fields.keyCopy();
    }
    return new byte[][] {lower, upper};
  }

  public Node node() {
    return node;
  }

  public EntryFields fields() {
    return fields;
  }

  /** Positions before the first entry of restart group {@code g}. */
  public void seekGroup(int g) {
    if (node.count() == 0) {
      next = 0;
      return;
    }
    c.pos(node.restartAt(g));
    next = g * node.interval();
    base = 0;
    nextStart = -1;
    prevValid = false;
  }

  public boolean hasNext() {
    return next < node.count();
  }

  /** Index of the entry decoded last. */
  public int index() {
    return next - 1;
  }

  public long childStart() {
    return childStart;
  }

  public int childSpan() {
    return childSpan;
  }

  /** Decodes the next entry. */
  public void next() throws CorruptContainerException {
    if (next >= node.count()) {
      throw c.corrupt("read past the last of " + node.count() + " entries");
    }
    boolean restart = next % node.interval() == 0;
    if (restart && c.pos() != node.restartAt(next / node.interval())) {
      throw c.corrupt("entry " + next + " does not begin at its restart offset");
    }
    c.entryKey(null, 0);
    int keyAt = c.pos();
    int shared = c.varInt("shared key prefix", restart ? 0 : fields.keyLength);
    int suffix = c.varInt("key suffix length", V2Paths.MAX_KEY_BYTES - shared);
    if (c.remaining() < suffix) {
      throw c.corruptAt(keyAt, "key suffix of " + suffix + " bytes runs past the node");
    }
    if (prevValid && !ascending(shared, suffix)) {
      throw c.corruptAt(keyAt, "keys out of order within the node (entry " + next + ")");
    }
    fields.ensureKey(shared + suffix);
    System.arraycopy(node.buf(), c.pos(), fields.key, shared, suffix);
    fields.keyLength = shared + suffix;
    c.skip(suffix, "key");
    c.entryKey(fields.key, fields.keyLength);
    if (node.isLeaf()) {
      base = LeafCodec.decode(c, fields, restart ? 0 : base, footer, dictionaries);
    } else {
      if (next == 0 && fields.keyLength != 0) {
        throw c.corruptAt(keyAt, "first separator of an inner node is not empty");
      }
      childSpan = c.varInt("child span", MAX_SPAN);
      if (childSpan == 0) {
        throw c.corrupt("child span 0");
      }
      long start = restart ? c.varLong("child page", Long.MAX_VALUE >> V2Footer.MAX_PAGE_SHIFT) : nextStart;
      long first = footer.indexStart() >> footer.pageShift();
      long end = footer.dictStart() >> footer.pageShift();
      if (start < first || start > end || childSpan > end - start) {
        throw c.corruptAt(keyAt, "child pages [" + start + ", +" + childSpan + ") outside the index pages ["
            + first + ", " + end + ")");
      }
      childStart = start;
      nextStart = start + childSpan;
    }
    next++;
    prevValid = true;
    if (next == node.count() && c.pos() != c.end()) {
      throw c.corrupt((c.end() - c.pos()) + " bytes after the last of " + node.count() + " entries");
    }
  }

  /**
   * Whether the key about to be decoded (its suffix at the cursor) sorts after the previous one.
   * Canonical front coding makes this O(1) away from restarts: the first suffix byte must exceed
   * the previous key's byte at the shared position.
   */
  private boolean ascending(int shared, int suffix) {
    byte[] buf = node.buf();
    int p = c.pos();
    if (shared == 0) {
      return java.util.Arrays.compareUnsigned(buf, p, p + suffix, fields.key, 0, fields.keyLength) > 0;
    }
    if (shared == fields.keyLength) {
      return suffix > 0;
    }
    return suffix > 0 && (buf[p] & 0xff) > (fields.key[shared] & 0xff);
  }

  private int compare(byte[] target, int tlen) {
    return Arrays.compareUnsigned(fields.key, 0, fields.keyLength, target, 0, tlen);
  }

  /**
   * Leaf: decodes the first entry whose key is at least {@code target}; false when every key of
   * the node is smaller.
   */
  public boolean seekCeil(byte[] target, int tlen) throws CorruptContainerException {
    int g = node.searchRestarts(target, tlen);
    seekGroup(Math.max(g, 0));
    while (hasNext()) {
      next();
      if (compare(target, tlen) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Leaf: decodes the entry whose key is exactly {@code target}; false when there is none. */
  public boolean seekExact(byte[] target, int tlen) throws CorruptContainerException {
    return seekCeil(target, tlen) && fields.keyLength == tlen && compare(target, tlen) == 0;
  }

  /**
   * Inner: selects the last child whose separator is at most {@code target} (the first child when
   * none is); its location is then in {@link #childStart()} and {@link #childSpan()} and its
   * index in {@link #index()}. The cursor's position afterwards is unspecified: use
   * {@link #seekIndex} to continue from a given entry.
   */
  public void seekFloorChild(byte[] target, int tlen) throws CorruptContainerException {
    seekGroup(Math.max(node.searchRestarts(target, tlen), 0));
    next();
    long bestStart = childStart;
    int bestSpan = childSpan;
    int bestIndex = next - 1;
    while (hasNext() && next % node.interval() != 0) {
      next();
      if (compare(target, tlen) > 0) {
        break;
      }
      bestStart = childStart;
      bestSpan = childSpan;
      bestIndex = next - 1;
    }
    childStart = bestStart;
    childSpan = bestSpan;
    chosen = bestIndex;
  }

  private int chosen = -1;

  /** The child chosen by the last {@link #seekFloorChild}. */
  public int chosenIndex() {
    return chosen;
  }

  /** Decodes entry {@code i} (and the entries of its restart group before it). */
  public void seekIndex(int i) throws CorruptContainerException {
    seekGroup(i / node.interval());
    while (next <= i) {
      next();
    }
  }
}
