package io.easystore.internal.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.DesReader;
import io.easystore.DesWriter;
import io.easystore.IndexEntry;
import io.easystore.WriterOptions;
import io.easystore.internal.common.EntryFields;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The external merge sort behind the v2 index, with memory budgets small enough to force many runs. */
class EntrySorterTest {
  @TempDir Path tmp;

  private static final EntrySorter.RunObserver NONE = new EntrySorter.RunObserver() {
    @Override
    public void sorted(EntryFields e) {}

    @Override
    public void endRun() {}
  };

  private static EntryFields entry(byte[] key, long i) {
    EntryFields e = new EntryFields();
    e.setKey(key, key.length);
    e.dataOffset = i;
    e.storedLength = i * 3;
    e.originalLength = i * 3;
    e.checksum = ~i;
    e.mtimeMillis = -i;
    e.mode = (int) (i % 4096);
    return e;
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 5000, 1 << 20})
  void sortsAnyNumberOfRunsIntoKeyOrder(int budget) throws IOException {
    Random rnd = new Random(budget);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      byte[] k = new byte[1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 300 : 12)];
      rnd.nextBytes(k);
      k[0] = (byte) i;
      k[k.length - 1] = (byte) (i >>> 8);
      keys.add(java.nio.ByteBuffer.allocate(k.length + 4).put(k).putInt(i).array());
    }
    try (EntrySorter s = new EntrySorter(budget, tmp, NONE)) {
      for (int i = 0; i < keys.size(); i++) {
        s.add(entry(keys.get(i), i));
      }
      if (budget < 10_000) {
        assertThat(s.runCount()).isGreaterThan(EntrySorter.MAX_FAN_IN);
      }
      EntrySorter.Source src = s.finish();
      List<byte[]> sorted = new ArrayList<>(keys);
      sorted.sort(Arrays::compareUnsigned);
      EntryFields e = new EntryFields();
      for (byte[] want : sorted) {
        assertThat(src.next(e)).isTrue();
        assertThat(e.keyCopy()).isEqualTo(want);
        long i = java.nio.ByteBuffer.wrap(want, want.length - 4, 4).getInt();
        assertThat(e.dataOffset).isEqualTo(i);
        assertThat(e.checksum).isEqualTo(~i);
        assertThat(e.mtimeMillis).isEqualTo(-i);
      }
      assertThat(src.next(e)).isFalse();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("runs deleted").isEmpty();
    }
  }

  @Test
  void duplicatesFoundOnlyAtMergeFailClose() throws IOException {
    Path out = tmp.resolve("dup.des");
    DesWriter w = DesWriter.create(out, WriterOptions.defaults().withSortMemoryBytes(1024).withTempDir(tmp));
    for (int i = 0; i < 500; i++) {
      w.addFile("f" + i, new byte[] {(byte) i});
    }
    w.addFile("f7", new byte[] {1});
    assertThatThrownBy(w::close).isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("f7");
    assertThat(out).doesNotExist();
  }

  @Test
  void duplicatesAreRefusedAtOnceWhileRemembered() throws IOException {
    Path out = tmp.resolve("d.des");
    try (DesWriter w = DesWriter.create(out)) {
      w.addFile("a/b", new byte[] {1});
      assertThatThrownBy(() -> w.addFile("a/b", new byte[] {2})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate");
      assertThatThrownBy(() -> w.addFile("a", new byte[] {2})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already a directory");
      assertThatThrownBy(() -> w.addFile("a/b/c", new byte[] {2})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already a file");
      w.addDirectory("a", new io.easystore.EntryAttributes(5000, 0755));
      w.addDirectory("empty/dir", io.easystore.EntryAttributes.NONE);
      w.addFile("c", new byte[] {3});
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.listFiles()).containsExactlyInAnyOrder("a/b", "c");
      IndexEntry a = r.entry("a");
      assertThat(a.isDirectory()).isTrue();
      assertThat(a.mtimeMillis()).isEqualTo(5000);
      assertThat(a.mode()).isEqualTo(0755);
      assertThat(r.list("empty/dir")).isEmpty();
      assertThat(r.list("empty")).extracting(IndexEntry::name).containsExactly("empty/dir");
      assertThat(r.verify().problems()).isEmpty();
    }
  }

  @Test
  void aHundredThousandEntriesWithASmallBudgetStayCorrect() throws IOException {
    Path out = tmp.resolve("big.des");
    int n = 100_000;
    try (DesWriter w = DesWriter.create(out, WriterOptions.defaults().withSortMemoryBytes(512 << 10)
        .withCodec(io.easystore.codec.CodecId.NONE).withTempDir(tmp))) {
      Random rnd = new Random(5);
      for (int i = 0; i < n; i++) {
        int j = rnd.nextInt(1 << 30);
        w.addFile("d" + (j % 100) + "/" + j + "-" + i, new byte[] {(byte) i});
      }
    }
    try (DesReader r = DesReader.open(out)) {
      assertThat(r.stats().liveEntries()).isEqualTo(n);
      assertThat(r.stats().indexLevels()).isGreaterThanOrEqualTo(2);
      long count = 0;
      for (int d = 0; d < 100; d++) {
        count += r.list("d" + d).size();
      }
      assertThat(count).isEqualTo(n);
      assertThat(r.verify().problems()).isEmpty();
    }
  }
}
