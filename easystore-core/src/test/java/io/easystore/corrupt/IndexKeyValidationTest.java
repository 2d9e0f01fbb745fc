package io.easystore.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.CorruptContainerException;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.internal.bytes.ByteBuilder;
import io.easystore.internal.bytes.ByteCursor;
import io.easystore.internal.bytes.Checksums;
import io.easystore.internal.v2.Node;
import io.easystore.internal.v2.V2Footer;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted v2 indexes whose checksums are all valid but whose keys contradict the tree: a base
 * name holding '/', a key outside the range its parent gives its page, a page reached from two
 * parents. Listing and point lookup must agree, or the reader must refuse with a typed error
 * naming container, offset and entry; {@code verify} must not say OK.
 */
class IndexKeyValidationTest {
  @TempDir
  Path tmp;

  @Test
  void baseNameWithSlashIsRefusedNotListedAsADuplicatePath() throws IOException {
    Path out = tmp.resolve("s1.des");
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults())) {
      w.addFile("ok.txt", "ok".getBytes(StandardCharsets.UTF_8));
      w.addFile("sub_f.txt", "shadow".getBytes(StandardCharsets.UTF_8));
      w.addFile("sub/f.txt", "real".getBytes(StandardCharsets.UTF_8));
    }
    byte[] m = Files.readAllBytes(out);
    V2Footer f = V2Footer.parse("s1.des", m, m.length - V2Footer.SIZE, m.length);
    int root = rootNodeOffset(m, f);
    // Key NUL "sub_f.txt" becomes NUL "sub/f.txt": the path of the real entry "sub" NUL "f.txt".
    int at = indexOf(m, "_f.txt".getBytes(StandardCharsets.UTF_8), root);
    m[at] = '/';
    fixNodeCrc(m, root);
    fixFooterCrc(m, f.rootLength());

    assertThatThrownBy(() -> open(m, "s1.des"))
        .isInstanceOfSatisfying(CorruptContainerException.class, e -> {
          assertThat(e.container()).isEqualTo("s1.des");
          assertThat(e.offset()).isNotEqualTo(CorruptContainerException.NO_OFFSET);
          assertThat(e.entry()).isEqualTo("sub/f.txt");
          assertThat(e.getMessage()).contains("base name contains '/'");
        });
  }

  @Test
  void keyOutsideItsPageRangeIsRefusedWhenThePageIsLoaded() throws IOException {
    Path out = tmp.resolve("paged.des");
    List<String> names = new ArrayList<>();
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withCodec(CodecId.NONE))) {
      for (int i = 0; i < 3000; i++) {
        // Hashed names defeat front coding, so the index outgrows the root and gets leaf pages.
        String p = "d" + (i % 5) + "/" + String.format("%08x", (i * 2654435761L) & 0xffffffffL) + "n".repeat(40);
        names.add(p);
        w.addFile(p, new byte[] {(byte) i});
      }
    }
    byte[] m = Files.readAllBytes(out);
    V2Footer f = V2Footer.parse("paged.des", m, m.length - V2Footer.SIZE, m.length);
    List<Integer> leaves = new ArrayList<>();
    for (long p = f.indexStart(); p < f.dictStart(); p += f.pageSize()) {
      try {
        Node n = Node.parse("paged.des", p, m, (int) p, (int) Math.min(1 << 16, f.dictStart() - p), -1);
        if (n.isLeaf() && n.count() > 0) {
          leaves.add((int) p);
        }
      } catch (CorruptContainerException notANodeStart) {
        // a page inside a multi-page node, or padding
      }
    }
    assertThat(leaves).as("the sample must have a paged index").hasSizeGreaterThan(3);
    int leaf = leaves.get(leaves.size() / 2);
    int firstKey = leaf + ByteCursor.getLe32(m, leaf + 16) + 2;
    assertThat((char) m[firstKey]).isEqualTo('d');
    // 'd' -> 'c': the page's first restart group now sorts before every separator of its parent.
    m[firstKey] = 'c';
    fixNodeCrc(m, leaf);

    try (DesReader r = DesReader.open(RangeSources.memory("paged.des", m), ReaderOptions.defaults())) {
      List<String> listed = new ArrayList<>();
      CorruptContainerException refused = null;
      try (DesReader.EntryCursor c = r.liveEntries()) {
        for (IndexEntry e = c.next(); e != null; e = c.next()) {
          listed.add(e.name());
        }
      } catch (CorruptContainerException e) {
        refused = e;
      }
      assertThat(refused).as("listing must refuse the page, listed %d names", listed.size()).isNotNull();
      assertThat(refused.container()).isEqualTo("paged.des");
      assertThat(refused.offset()).isBetween((long) leaf, (long) leaf + f.pageSize());
      assertThat(refused.entry()).startsWith("c");
      assertThat(refused.getMessage()).contains("outside the range");
      assertThat(listed).noneMatch(n -> n.startsWith("c"));
      // Point lookups reaching the page refuse it too, and still find entries elsewhere.
      assertThat(r.getFile(names.get(1))).containsExactly(1);
      assertThat(r.verify().problems()).isNotEmpty();
    }
  }

  private static DesReader open(byte[] m, String name) throws IOException {
    DesReader r = DesReader.open(RangeSources.memory(name, m), ReaderOptions.defaults());
    try {
      r.listFiles();
      return r;
    } finally {
      r.close();
    }
  }

  static int indexOf(byte[] m, byte[] what, int from) {
    outer:
    for (int i = from; i <= m.length - what.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (m[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }

  /** The root node inside the root block: after five varints and the dictionary table. */
  static int rootNodeOffset(byte[] m, V2Footer f) {
    int p = (int) f.rootStart();
    for (int v = 0; v < 5; v++) {
      while ((m[p] & 0x80) != 0) {
        p++;
      }
      p++;
    }
    int dicts = m[p++];
    for (int d = 0; d < dicts; d++) {
      for (int v = 0; v < 2; v++) {
        while ((m[p] & 0x80) != 0) {
          p++;
        }
        p++;
      }
      p += 4;
    }
    return p;
  }

  static void fixNodeCrc(byte[] m, int node) {
    int length = ByteCursor.getLe32(m, node + 8);
    ByteBuilder.putLe32(m, node + 12, Checksums.crc32c(m, node, 12, m, node + 16, length - 16));
  }

  static void fixFooterCrc(byte[] m, int rootLength) {
    int at = m.length - V2Footer.SIZE;
    int root = at - rootLength;
    ByteBuilder.putLe32(m, at + 68, Checksums.crc32c(m, root, rootLength, m, at, 68));
  }
}
