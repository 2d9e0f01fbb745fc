package io.easystore.internal.v2;

import io.easystore.CorruptContainerException;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The DES v2 root block, which ends where the footer begins and is read with it in the tail:
 *
 * <pre>
 * live_files varint | directories varint | deleted varint | original_bytes varint | stored_bytes varint
 * dictionary_count varint, then per dictionary (ids 1, 2, ... in order):
 *     offset varint (absolute) | length varint | crc32c u32
 * root node (the node format of {@link PageFormat}, not padded), filling the rest of the block
 * </pre>
 *
 * @param dictionaries dictionary {@code i + 1} is {@code dictionaries.get(i)}
 */
public record RootBlock(long liveFiles, long directories, long deleted, long originalBytes, long storedBytes,
    List<DictRef> dictionaries, Node root) {

  /** Most dictionaries one container may hold. */
  public static final int MAX_DICTIONARIES = 255;
  /** Largest dictionary a reader loads. */
  public static final int MAX_DICTIONARY_BYTES = 1 << 20;

  /** Where dictionary {@code id} is stored. */
  public record DictRef(int id, long offset, int length, int crc) {}

  public RootBlock {
    dictionaries = List.copyOf(dictionaries);
  }

  /**
   * Parses the root block at {@code buf[off..off+footer.rootLength())} (the footer CRC, which
   * covers it, is checked by the caller first).
   */
  public static RootBlock parse(String container, V2Footer f, byte[] buf, int off) throws CorruptContainerException {
    return parse(container, f, buf, off, f.rootLength());
  }

  /**
   * Parses a root block of {@code length} bytes at {@code buf[off..]}: the stored block, or the
   * plaintext of an encrypted one.
   */
  public static RootBlock parse(String container, V2Footer f, byte[] buf, int off, int length)
      throws CorruptContainerException {
    long at = f.rootStart();
    ByteCursor c = new ByteCursor(container, at - off, buf, off, off + length);
    long live = c.varLong("live file count", f.entryCount());
    long dirs = c.varLong("directory count", f.entryCount());
    long deleted = c.varLong("deleted count", f.entryCount());
    if (live + dirs + deleted != f.entryCount()) {
      throw c.corruptAt(off, "root block counts " + live + " files, " + dirs + " directories and " + deleted
          + " deleted entries, but the footer counts " + f.entryCount() + " entries");
    }
    long original = c.varLong("original bytes", Long.MAX_VALUE);
    long stored = c.varLong("stored bytes", Long.MAX_VALUE);
    int n = c.varInt("dictionary count", MAX_DICTIONARIES);
    List<DictRef> dicts = new ArrayList<>(n);
    long prevEnd = f.dictStart();
    for (int i = 0; i < n; i++) {
      int refAt = c.pos();
      long offset = c.varLong("dictionary offset", Long.MAX_VALUE);
      int dictLength = c.varInt("dictionary length", MAX_DICTIONARY_BYTES + 64);
      int crc = c.le32("dictionary crc");
      if (offset < prevEnd || dictLength < 1 || offset > f.rootStart() || dictLength > f.rootStart() - offset) {
        throw c.corruptAt(refAt, "dictionary " + (i + 1) + " [" + offset + ", +" + dictLength
            + ") is not inside the dictionary region [" + f.dictStart() + ", " + f.rootStart() + ") in order");
      }
      prevEnd = offset + dictLength;
      dicts.add(new DictRef(i + 1, offset, dictLength, crc));
    }
    int nodeAt = c.pos();
    Node root = Node.parse(container, at + (nodeAt - off), buf, nodeAt, c.end() - nodeAt, f.height() - 1);
    if (root.length() != c.end() - nodeAt) {
      throw c.corruptAt(nodeAt, "root node is " + root.length() + " bytes but the root block leaves "
          + (c.end() - nodeAt));
    }
    return new RootBlock(live, dirs, deleted, original, stored, dicts, root);
  }

  /** Encodes the block around an already finished root node. */
  public static byte[] encode(long live, long dirs, long deleted, long original, long stored, List<DictRef> dicts,
      byte[] rootNode) {
    ByteBuilder b = new ByteBuilder(rootNode.length + 64 + 16 * dicts.size());
    b.varLong(live).varLong(dirs).varLong(deleted).varLong(original).varLong(stored).varLong(dicts.size());
    for (DictRef d : dicts) {
      b.varLong(d.offset()).varLong(d.length()).le32(d.crc());
    }
    b.bytes(rootNode);
    return b.toByteArray();
  }
}
