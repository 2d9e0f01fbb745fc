package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import io.easystore.VerifyReport;
import io.easystore.internal.common.EntryFields;
import io.easystore.internal.v1.V1Footer;
import io.easystore.io.RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The full pass behind {@code DesReader.verify()} for v2: header, every index page (checksums,
 * levels, key order across the whole tree, separators), counts against the root block, every
 * directory's parent, every dictionary, and every body and metadata record against its checksum.
 * A bad page or body is reported and the pass goes on. Single-use, not thread-safe; memory stays
 * bounded (one page per level, the set of page numbers seen).
 */
final class V2Verifier {
  private final RangeSource source;
  private final V2Footer footer;
  private final RootBlock root;
  private final V2Index index;
  private final V2Bodies bodies;
  private final V2ContainerReader reader;
  private final List<String> problems = new ArrayList<>();
  private final Set<Long> pagesSeen = new HashSet<>();
  private final EntryFields parentProbe = new EntryFields();
  private byte[] prevKey;
  private String lastParentChecked = "";
  private long entries;
  private long live;
  private long dirs;
  private long deleted;
  private long original;
  private long stored;
  private long bytesChecked;
  private final byte[] buf = new byte[64 << 10];
  private io.easystore.VerifyListener listener;

  V2Verifier(RangeSource source, V2Footer footer, RootBlock root, V2Index index, V2Bodies bodies,
      V2ContainerReader reader) {
    this.source = source;
    this.footer = footer;
    this.root = root;
    this.index = index;
    this.bodies = bodies;
    this.reader = reader;
  }

  VerifyReport run(io.easystore.VerifyListener listener) throws IOException {
    this.listener = listener;
    listener.total(footer.entryCount());
    checkHeader();
    checkMetaPadding();
    for (RootBlock.DictRef d : root.dictionaries()) {
      try {
        bodies.loadDictionary(d);
      } catch (CorruptContainerException e) {
        problems.add(e.getMessage());
      }
    }
    walk(root.root(), null, null);
    checkRegionsTile();
    if (entries != footer.entryCount() || live != root.liveFiles() || dirs != root.directories()
        || deleted != root.deleted() || original != root.originalBytes() || stored != root.storedBytes()) {
      problems.add("index holds " + entries + " entries (" + live + " files, " + dirs + " directories, " + deleted
          + " deleted, " + original + " bytes, " + stored + " stored) but the root block and footer record "
          + footer.entryCount() + " (" + root.liveFiles() + ", " + root.directories() + ", " + root.deleted() + ", "
          + root.originalBytes() + ", " + root.storedBytes() + ")");
    }
    return new VerifyReport(source.name(), entries, bytesChecked, problems);
  }

  private void checkHeader() throws IOException {
    byte[] h = source.readFully(0, V2Footer.HEADER_SIZE);
    if (footer.encrypted()) {
      checkEncryptedHeader(h);
      return;
    }
    io.easystore.internal.bytes.Framing.checkMagic(source.name(), 0, h, 0, V1Footer.HEADER_MAGIC, "bad header magic");
    boolean zeros = true;
    for (int i = 9; i < 16; i++) {
      zeros &= h[i] == 0;
    }
    UUID uuid = new UUID(io.easystore.internal.bytes.ByteCursor.getLe64(h, 16), io.easystore.internal.bytes.ByteCursor.getLe64(h, 24));
    // Bytes 9..16 may hold the update anchor of a container updated in place (docs/FORMAT.md).
    zeros |= V2Header.readAnchor(h, 0) != 0;
    if ((h[8] & 0xff) != V2Footer.VERSION || !zeros) {
      problems.add("header @ offset 8: version " + (h[8] & 0xff) + " or reserved bytes differ from the footer's version 2");
    }
    if (!uuid.equals(footer.uuid())) {
      problems.add("header @ offset 16: container UUID " + uuid + " differs from the footer's " + footer.uuid()
          + " (header and footer come from different containers)");
    }
  }

  /**
   * The header of an encrypted container: byte 9 is 1, bytes 10..11 the key block length, the rest
   * zero, and a copy of the tail's key block follows it.
   */
  private void checkEncryptedHeader(byte[] h) throws IOException {
    io.easystore.internal.bytes.Framing.checkMagic(source.name(), 0, h, 0, V1Footer.HEADER_MAGIC, "bad header magic");
    int len = footer.keyBlockLength();
    boolean ok = (h[8] & 0xff) == V2Footer.VERSION && h[9] == 1 && (h[10] & 0xff) == (len & 0xff)
        && (h[11] & 0xff) == len >>> 8 && h[12] == 0 && h[13] == 0 && h[14] == 0 && h[15] == 0;
    if (!ok) {
      problems.add("header @ offset 8: version, encryption flag or key block length differ from the footer's");
    }
    UUID uuid = new UUID(io.easystore.internal.bytes.ByteCursor.getLe64(h, 16), io.easystore.internal.bytes.ByteCursor.getLe64(h, 24));
    if (!uuid.equals(footer.uuid())) {
      problems.add("header @ offset 16: container UUID " + uuid + " differs from the footer's " + footer.uuid()
          + " (header and footer come from different containers)");
    }
    byte[] copy = source.readFully(V2Footer.HEADER_SIZE, len);
    byte[] tail = source.readFully(footer.keyBlockStart(), len);
    if (!Arrays.equals(copy, tail)) {
      problems.add("header @ offset " + V2Footer.HEADER_SIZE + ": the key block after the header differs from the"
          + " one before the footer");
    }
  }

  /**
   * The dictionaries fill {@code [dict_start, root_start)} without a gap (with none, the two are
   * equal): the root block is found from the file's end, so bytes inserted before it would
   * otherwise go unnoticed (they change no content, but the file is not the one written).
   */
  private void checkRegionsTile() {
    long end = footer.dictStart();
    for (RootBlock.DictRef d : root.dictionaries()) {
      end = Math.max(end, d.offset() + d.length());
    }
    if (end != footer.rootStart()) {
      problems.add(source.name() + " @ offset " + end + ": the dictionaries end at " + end
          + " but the root block starts at " + footer.rootStart() + " (bytes between them that no region holds)");
    }
  }

  /** Bytes between the metadata and the first index page are zero, as the writer leaves them. */
  private void checkMetaPadding() throws IOException {
    long from = footer.metaEnd();
    long to = Math.min(footer.indexStart(), footer.rootStart());
    if (to <= from) {
      return;
    }
    byte[] pad = source.readFully(from, (int) (to - from));
    for (int i = 0; i < pad.length; i++) {
      if (pad[i] != 0) {
        problems.add(source.name() + " @ offset " + (from + i) + ": padding before the index is not zero");
        return;
      }
    }
  }

  /** Checks a node and everything under it; keys must lie in {@code [lower, upper)} (null: open). */
  private void walk(Node node, byte[] lower, byte[] upper) throws IOException {
    NodeCursor c = new NodeCursor(node, footer, root.dictionaries().size(), new EntryFields());
    byte[] prevSep = null;
    long prevStart = -1;
    int prevSpan = 0;
    for (int i = 0; i < node.count(); i++) {
      try {
        c.next();
      } catch (CorruptContainerException e) {
        problems.add(e.getMessage());
        return;
      }
      EntryFields f = c.fields();
      byte[] key = f.keyCopy();
      if (node.isLeaf()) {
        leafEntry(node, key, f, lower, upper);
        listener.checked(entries);
        continue;
      }
      if (i > 0) {
        if (prevSep != null && Arrays.compareUnsigned(prevSep, key) >= 0 && i > 1) {
          problems.add(where(node) + "separators out of order at child " + i);
        }
        visitChild(node, prevStart, prevSpan, i == 1 ? lower : prevSep, key);
        prevSep = key;
      }
      prevStart = c.childStart();
      prevSpan = c.childSpan();
    }
    if (!node.isLeaf() && node.count() > 0) {
      visitChild(node, prevStart, prevSpan, node.count() == 1 ? lower : prevSep, upper);
    }
  }

  private void visitChild(Node parent, long start, int span, byte[] lower, byte[] upper) throws IOException {
    if (!pagesSeen.add(start)) {
      problems.add(where(parent) + "page " + start + " is referenced twice");
      return;
    }
    Node child;
    try {
      child = index.load(start, span, parent.level() - 1, true);
    } catch (CorruptContainerException e) {
      problems.add(e.getMessage());
      return;
    }
    walk(child, lower, upper);
  }

  private void leafEntry(Node node, byte[] key, EntryFields f, byte[] lower, byte[] upper) throws IOException {
    entries++;
    if (prevKey != null && Arrays.compareUnsigned(prevKey, key) >= 0) {
      problems.add(where(node) + "keys out of order");
    }
    if ((lower != null && Arrays.compareUnsigned(key, lower) < 0) || (upper != null
        && Arrays.compareUnsigned(key, upper) >= 0)) {
      problems.add(where(node) + "key outside the range its parent's separators give it");
    }
    prevKey = key;
    String path;
    try {
      path = V2Paths.pathOf(key, key.length, source.name(), node.fileOffset());
    } catch (CorruptContainerException e) {
      problems.add(e.getMessage());
      return;
    }
    IndexEntry e = reader.toEntry(path, f);
    checkParent(path);
    if (e.isDeleted()) {
      deleted++;
      return;
    }
    if (e.isDirectory()) {
      dirs++;
    } else {
      live++;
      original += e.size();
      stored += e.isExternal() ? 0 : e.storedLength();
      checkBody(e);
    }
    if (e.metaLength() > 0) {
      try {
        reader.readMeta(e);
      } catch (IOException ex) {
        problems.add(ex.getMessage());
      }
    }
  }

  private void checkParent(String path) throws IOException {
    String parent = V2Paths.parent(path);
    if (parent.isEmpty() || parent.equals(lastParentChecked)) {
      return;
    }
    lastParentChecked = parent;
    byte[] key = V2Paths.lookupKey(parent);
    try {
      if (key == null || !index.find(key, parentProbe) || !parentProbe.isDirectory()) {
        problems.add("entry '" + path + "': parent directory '" + parent + "' is not in the index");
      }
    } catch (CorruptContainerException ex) {
      problems.add(ex.getMessage());
    }
  }

  private void checkBody(IndexEntry e) {
    try (InputStream in = bodies.stream(e, true)) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        bytesChecked += n;
      }
    } catch (IOException ex) {
      problems.add(ex.getMessage());
    }
  }

  private static String where(Node n) {
    return "index node @ offset " + n.fileOffset() + ": ";
  }
}
