package io.easystore.internal.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.ChecksumKind;
import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import io.easystore.internal.common.EntryFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Front-coded nodes decode entry by entry and search correctly for every restart interval. */
class NodeCodecTest {
  static final V2Footer FOOTER = new V2Footer(12, ChecksumKind.CRC32C, 1, 100, 0, 1L << 40, 1L << 40,
      1L << 41, UUID.randomUUID(), (1L << 41) + 1000);

  static List<byte[]> keys(Random rnd, int n) {
    TreeSet<String> names = new TreeSet<>();
    String[] dirs = {"", "a", "a/b", "λ/日本", "z".repeat(300)};
    while (names.size() < n) {
      String dir = dirs[rnd.nextInt(dirs.length)];
      String base = "f" + rnd.nextInt(100_000) + (rnd.nextBoolean() ? ".txt" : "é");
      names.add(dir.isEmpty() ? base : dir + "/" + base);
    }
    List<byte[]> keys = new ArrayList<>();
    for (String s : names) {
      keys.add(V2Paths.key(V2Paths.validate(s)));
    }
    keys.sort(Arrays::compareUnsigned);
    return keys;
  }

  static EntryFields fields(byte[] key, long i) {
    EntryFields e = new EntryFields();
    e.setKey(key, key.length);
    e.flags = (i % 5 == 0 ? IndexEntry.COMPRESSED : 0) | (i % 3 == 0 ? PageFormat.F_MTIME : 0);
    e.dataOffset = 32 + i * 100;
    e.storedLength = 50 + i % 50;
    e.originalLength = (e.flags & IndexEntry.COMPRESSED) != 0 ? 1000 + i : e.storedLength;
    e.codec = (e.flags & IndexEntry.COMPRESSED) != 0 ? 2 : 0;
    e.checksum = i * 7919 & 0xFFFFFFFFL;
    e.mtimeMillis = (e.flags & PageFormat.F_MTIME) != 0 ? -i * 1000 : EntryAttributes.NO_MTIME;
    e.mode = EntryAttributes.NO_MODE;
    return e;
  }

  @ParameterizedTest
  @CsvSource({"1, 1, 1", "2, 40, 16", "3, 300, 16", "4, 300, 1", "5, 1000, 7", "6, 17, 255"})
  void leafDecodesOneEntryAtATimeAndSearches(long seed, int n, int interval) throws Exception {
    Random rnd = new Random(seed);
    List<byte[]> keys = keys(rnd, n);
    NodeBuilder b = new NodeBuilder(0, 4, 0, interval);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(b.tryAddLeaf(fields(keys.get(i), i), Integer.MAX_VALUE)).isTrue();
    }
    byte[] page = b.finish(b.size() + 13);
    Node node = Node.parse("t", 4096, page, 0, page.length, 0);
    assertThat(node.count()).isEqualTo(keys.size());
    NodeCursor c = new NodeCursor(node, FOOTER, 0, new EntryFields());
    for (int i = 0; i < keys.size(); i++) {
      c.next();
      EntryFields want = fields(keys.get(i), i);
      EntryFields got = c.fields();
      assertThat(got.keyCopy()).isEqualTo(keys.get(i));
      assertThat(got.dataOffset).isEqualTo(want.dataOffset);
      assertThat(got.storedLength).isEqualTo(want.storedLength);
      assertThat(got.originalLength).isEqualTo(want.originalLength);
      assertThat(got.checksum).isEqualTo(want.checksum);
      assertThat(got.mtimeMillis).isEqualTo(want.mtimeMillis);
    }
    assertThat(c.hasNext()).isFalse();
    NodeCursor.validate(node, FOOTER, 0);
    for (int i = 0; i < keys.size(); i++) {
      NodeCursor s = new NodeCursor(node, FOOTER, 0, new EntryFields());
      assertThat(s.seekExact(keys.get(i), keys.get(i).length)).isTrue();
      assertThat(s.fields().dataOffset).isEqualTo(32 + i * 100L);
      EntryFields fast = new EntryFields();
      assertThat(TrustedSearch.find(node, keys.get(i), fast, FOOTER, 0)).isTrue();
      assertThat(fast.dataOffset).isEqualTo(32 + i * 100L);
      assertThat(fast.checksum).isEqualTo(s.fields().checksum);
      assertThat(fast.originalLength).isEqualTo(s.fields().originalLength);
      assertThat(fast.keyCopy()).isEqualTo(keys.get(i));
      for (byte[] missing : nearMisses(keys.get(i))) {
        assertThat(new NodeCursor(node, FOOTER, 0, new EntryFields()).seekExact(missing, missing.length)).isFalse();
        assertThat(TrustedSearch.find(node, missing, new EntryFields(), FOOTER, 0)).isFalse();
      }
    }
    byte[] before = new byte[] {0};
    assertThat(new NodeCursor(node, FOOTER, 0, new EntryFields()).seekExact(before, 1)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"7, 5, 16", "8, 500, 16", "9, 100, 3"})
  void innerNodesPickTheLastSeparatorNotAbove(long seed, int n, int interval) throws Exception {
    Random rnd = new Random(seed);
    List<byte[]> keys = keys(rnd, n);
    NodeBuilder b = new NodeBuilder(1, 4, 0, interval);
    long start = 10;
    long[] starts = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      int span = 1 + i % 3;
      starts[i] = start;
      assertThat(b.tryAddChild(keys.get(i), keys.get(i).length, start, span, Integer.MAX_VALUE)).isTrue();
      start += span;
    }
    byte[] page = b.finish(b.size());
    Node node = Node.parse("t", 0, page, 0, page.length, 1);
    V2Footer f = new V2Footer(12, ChecksumKind.CRC32C, 2, 100, 0, 32, 32, 4096L * 10_000, UUID.randomUUID(),
        4096L * 10_000 + 200);
    long[] out = new long[3];
    for (int i = 0; i < keys.size(); i++) {
      for (byte[] probe : nearMisses(keys.get(i))) {
        NodeCursor c = new NodeCursor(node, f, 0, new EntryFields());
        c.seekFloorChild(probe, probe.length);
        TrustedSearch.floorChild(node, probe, out);
        assertThat(out[0]).as("probe near key %d", i).isEqualTo(c.childStart());
        assertThat(out[1]).isEqualTo(c.childSpan());
        assertThat(out[2]).isEqualTo(c.chosenIndex());
      }
      TrustedSearch.floorChild(node, keys.get(i), out);
      assertThat(out[0]).isEqualTo(starts[i]);
      NodeCursor c = new NodeCursor(node, f, 0, new EntryFields());
      c.seekFloorChild(keys.get(i), keys.get(i).length);
      assertThat(c.chosenIndex()).isEqualTo(i);
      assertThat(c.childStart()).isEqualTo(starts[i]);
      assertThat(c.childSpan()).isEqualTo(1 + i % 3);
      byte[] after = Arrays.copyOf(keys.get(i), keys.get(i).length + 1);
      after[after.length - 1] = 1;
      c.seekFloorChild(after, after.length);
      assertThat(c.chosenIndex()).isEqualTo(i);
    }
    NodeCursor c = new NodeCursor(node, f, 0, new EntryFields());
    c.seekFloorChild(new byte[0], 0);
    assertThat(c.chosenIndex()).isZero();
  }

  /** Keys just around {@code k}: a prefix, extensions, the same length with a last byte off by one. */
  static List<byte[]> nearMisses(byte[] k) {
    List<byte[]> out = new ArrayList<>();
    out.add(Arrays.copyOf(k, k.length - 1));
    out.add(Arrays.copyOf(k, k.length + 1));
    byte[] ext = Arrays.copyOf(k, k.length + 1);
    ext[k.length] = 'q';
    out.add(ext);
    byte[] up = k.clone();
    up[k.length - 1]++;
    out.add(up);
    byte[] down = k.clone();
    down[k.length - 1]--;
    out.add(down);
    out.add(new byte[0]);
    out.add(new byte[] {(byte) 0xff});
    return out;
  }

  @ParameterizedTest
  @CsvSource({"10, 100", "11, 3000"})
  void builderRefusesEntriesPastCapacityAndPagesStayWithinIt(long seed, int n) throws Exception {
    Random rnd = new Random(seed);
    List<byte[]> keys = keys(rnd, n);
    NodeBuilder b = new NodeBuilder(0, 4, 0);
    int pages = 0;
    int decoded = 0;
    for (int i = 0; i <= keys.size(); i++) {
      if (i == keys.size() || !b.tryAddLeaf(fields(keys.get(i), i), 4096)) {
        int before = b.count();
        byte[] page = b.finish(4096);
        Node node = Node.parse("t", 0, page, 0, 4096, 0);
        assertThat(node.length()).isLessThanOrEqualTo(4096);
        assertThat(node.count()).isEqualTo(before);
        decoded += before;
        pages++;
        if (i < keys.size()) {
          assertThat(b.tryAddLeaf(fields(keys.get(i), i), 4096)).isTrue();
        }
      }
    }
    assertThat(decoded).isEqualTo(keys.size());
    assertThat(pages).isGreaterThanOrEqualTo(1);
    assertThat(new String(keys.get(0), StandardCharsets.UTF_8)).isNotEmpty();
  }
}
