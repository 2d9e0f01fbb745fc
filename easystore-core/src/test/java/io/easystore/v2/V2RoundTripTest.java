package io.easystore.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.easystore.ChecksumKind;
import io.easystore.ContainerStats;
import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.ReaderOptions;
import io.easystore.VerifyReport;
import io.easystore.WriterOptions;
import io.easystore.codec.CodecId;
import io.easystore.io.RangeSources;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test: random trees written with every codec (dictionaries included), both
 * checksums, tiny and default sort memory, then reopened (file, mmap) and compared through every
 * read path.
 */
class V2RoundTripTest {
  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    WriterOptions d = WriterOptions.defaults();
    return Stream.of(
        Arguments.of(1L, 60, 5000, false, d.withCodec(CodecId.NONE)),
        Arguments.of(2L, 300, 20_000, false, d),
        Arguments.of(3L, 300, 9000, false, d.withCodec(CodecId.DEFLATE).withChecksum(ChecksumKind.XXHASH64)),
        Arguments.of(4L, 400, 3000, false, d.withCodec(CodecId.ZSTD_DICTIONARY).withDictionaryBytes(2048)),
        Arguments.of(5L, 40, 100_000, true, d.withLevel(1)),
        Arguments.of(6L, 2500, 300, false, d.withSortMemoryBytes(4096)),
        Arguments.of(7L, 1, 0, false, d),
        Arguments.of(8L, 1500, 2000, false, d.withCodec(CodecId.ZSTD_DICTIONARY).withDictionaryBytes(4096)
            .withSortMemoryBytes(20_000).withChecksum(ChecksumKind.XXHASH64)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void randomTreesRoundTrip(long seed, int files, int maxBody, boolean huge, WriterOptions options) throws IOException {
    List<V2TreeGenerator.File> tree = V2TreeGenerator.tree(seed, files, maxBody, huge);
    Path out = tmp.resolve("t" + seed + ".des");
    Random order = new Random(seed);
    try (DesWriter w = DesWriter.create(out, options)) {
      for (V2TreeGenerator.File f : tree) {
        int how = order.nextInt(3);
        if (how == 0) {
          w.addFile(f.path(), f.body(), f.meta() == null ? null : DesWriter.meta(f.meta()), f.attributes());
        } else {
          try (InputStream in = new java.io.ByteArrayInputStream(f.body())) {
            w.addFile(f.path(), in, f.meta() == null ? null : DesWriter.meta(f.meta()), f.attributes());
          }
        }
      }
    }
    for (boolean mmap : new boolean[] {false, true}) {
      try (DesReader r = DesReader.open(mmap ? RangeSources.mmap(out) : RangeSources.file(out),
          ReaderOptions.defaults().withPageCacheBytes(mmap ? 0 : 1 << 20))) {
        check(r, tree, options);
      }
    }
  }

  private static void check(DesReader r, List<V2TreeGenerator.File> tree, WriterOptions options) throws IOException {
    assertThat(r.formatVersion()).isEqualTo(2);
    Map<String, V2TreeGenerator.File> byPath = new HashMap<>();
    Set<String> dirs = new HashSet<>();
    long bodyBytes = 0;
    for (V2TreeGenerator.File f : tree) {
      byPath.put(f.path(), f);
      bodyBytes += f.body().length;
      String p = f.path();
      for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
        dirs.add(p.substring(0, i));
      }
    }
    assertThat(r.listFiles()).containsExactlyInAnyOrderElementsOf(byPath.keySet());
    Random rnd = new Random(tree.size());
    for (V2TreeGenerator.File f : tree) {
      IndexEntry e = r.entry(f.path());
      assertThat(e.size()).isEqualTo(f.body().length);
      assertThat(e.checksumKind()).isEqualTo(options.checksum());
      assertThat(e.attributes()).isEqualTo(f.attributes());
      if (options.codec() == CodecId.NONE) {
        assertThat(e.isCompressed()).isFalse();
      }
      assertThat(e.storedLength()).isLessThanOrEqualTo(Math.max(f.body().length, e.isCompressed() ? Long.MAX_VALUE : 0));
      assertThat(r.getFile(f.path())).isEqualTo(f.body());
      try (InputStream in = r.openStream(f.path())) {
        assertThat(in.readAllBytes()).isEqualTo(f.body());
      }
      try (SeekableByteChannel ch = r.newChannel(f.path())) {
        assertThat(ch.size()).isEqualTo(f.body().length);
        if (f.body().length > 0) {
          int pos = rnd.nextInt(f.body().length);
          int len = Math.min(f.body().length - pos, 1 + rnd.nextInt(5000));
          ByteBuffer buf = ByteBuffer.allocate(len);
          ch.position(pos);
          while (buf.hasRemaining() && ch.read(buf) > 0) {
            // loop until full
          }
          assertThat(buf.array()).isEqualTo(java.util.Arrays.copyOfRange(f.body(), pos, pos + len));
        }
      }
      JsonNode meta = r.getMeta(f.path());
      assertThat(meta.get("size").asLong()).isEqualTo(f.body().length);
      if (f.meta() != null) {
        assertThat(meta.get("tag").asText()).isEqualTo(f.meta().get("tag"));
      }
      assertThat(r.contains(f.path())).isTrue();
      assertThat(r.isDirectory(f.path())).isFalse();
    }
    for (String d : dirs) {
      assertThat(r.isDirectory(d)).as(d).isTrue();
      assertThat(r.exists(d)).isTrue();
      assertThat(r.contains(d)).isFalse();
    }
    checkListings(r, byPath.keySet(), dirs);
    List<String> some = new ArrayList<>(byPath.keySet()).subList(0, Math.min(50, byPath.size()));
    Map<String, byte[]> batch = r.getFiles(some, 1 << 20);
    for (String p : some) {
      assertThat(batch.get(p)).isEqualTo(byPath.get(p).body());
    }
    ContainerStats s = r.stats();
    assertThat(s.liveEntries()).isEqualTo(tree.size());
    assertThat(s.directories()).isEqualTo(dirs.size());
    assertThat(s.bodyBytes()).isEqualTo(bodyBytes);
    assertThat(r.entries().count()).isEqualTo(tree.size() + dirs.size());
    if (options.trainDictionaries() && tree.size() > 100) {
      assertThat(s.dictionaries()).as("trained dictionaries").isPositive();
    }
    VerifyReport v = r.verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.bytesChecked()).isEqualTo(bodyBytes);
  }

  /** Every directory lists exactly its children, also page by page. */
  private static void checkListings(DesReader r, Set<String> files, Set<String> dirs) throws IOException {
    Set<String> parents = new HashSet<>(dirs);
    parents.add("");
    for (String d : parents) {
      Set<String> expected = new HashSet<>();
      for (String p : files) {
        if (io.easystore.internal.v2.V2Paths.parent(p).equals(d)) {
          expected.add(p);
        }
      }
      for (String p : dirs) {
        if (io.easystore.internal.v2.V2Paths.parent(p).equals(d)) {
          expected.add(p);
        }
      }
      List<IndexEntry> all = r.list(d);
      assertThat(all.stream().map(IndexEntry::name).toList()).containsExactlyInAnyOrderElementsOf(expected);
      List<String> paged = new ArrayList<>();
      String after = null;
      while (true) {
        List<IndexEntry> page = r.list(d, after, 3);
        if (page.isEmpty()) {
          break;
        }
        page.forEach(e -> paged.add(e.name()));
        after = page.get(page.size() - 1).baseName();
      }
      assertThat(paged).isEqualTo(all.stream().map(IndexEntry::name).toList());
    }
  }
}
