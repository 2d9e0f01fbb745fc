package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.easystore.testing.RangeSourceContract;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockCacheTest {
  @TempDir Path dir;

  static BlockKey key(long i) {
    return new BlockKey("s3://b/k", "e:\"x\"/1", 1000, i);
  }

  static byte[] block(long seed) {
    return RangeSourceContract.content(1000, seed);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /**
   * The memory cache is W-TinyLFU, not LRU: the contract is the byte bound, exact accounting, and
   * that a block read on every pass outlives a scan of blocks stored once.
   */
  @Test
  void memoryCacheStaysWithinItsBoundAndKeepsAFrequentlyReadBlockThroughAScan() throws Exception {
    MemoryBlockCache c = new MemoryBlockCache(3000);
    c.put(key(0), block(0));
    for (int i = 1; i <= 200; i++) {
      assertThat(c.get(key(0))).as("after %d scanned blocks", i - 1).isPresent();
      c.put(key(i), block(i));
      assertThat(c.bytes()).isLessThanOrEqualTo(3000).isEqualTo(1000L * c.entries());
    }
    assertThat(bytes(c.get(key(0)).orElseThrow())).isEqualTo(block(0));
    assertThat(c.entries()).isEqualTo(3);
    c.put(key(999), new byte[5000]);
    assertThat(c.get(key(999))).as("a block larger than the bound").isEmpty();
    assertThat(c.bytes()).isEqualTo(3000);
  }

  @Test
  void memoryCacheHandsOutReadOnlyViews() throws Exception {
    BlockCache c = BlockCaches.memory(10_000);
    c.put(key(0), block(0));
    ByteBuffer b = c.get(key(0)).orElseThrow();
    assertThat(bytes(b)).isEqualTo(block(0));
    assertThatThrownBy(() -> b.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void diskCacheRoundTripsAndSurvivesReopening() throws Exception {
    BlockCache c = BlockCaches.disk(dir, 1 << 20);
    c.put(key(0), block(0));
    c.put(key(1), block(1));
    assertThat(bytes(c.get(key(0)).orElseThrow())).isEqualTo(block(0));
    BlockCache again = BlockCaches.disk(dir, 1 << 20);
    assertThat(bytes(again.get(key(1)).orElseThrow())).isEqualTo(block(1));
    assertThat(again.get(key(2))).isEmpty();
  }

  private List<Path> blockFiles() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".blk")).collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void aDamagedDiskBlockIsAMissAndIsDeleted(long seed) throws Exception {
    BlockCache c = BlockCaches.disk(dir, 1 << 20);
    c.put(key(0), block(0));
    Path file = blockFiles().get(0);
    byte[] raw = Files.readAllBytes(file);
    SplittableRandom r = new SplittableRandom(seed);
    if (seed % 2 == 0) {
      int bit = r.nextInt(raw.length * 8);
      raw[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(file, raw);
    } else {
      Files.write(file, java.util.Arrays.copyOf(raw, r.nextInt(raw.length)));
    }
    assertThat(c.get(key(0))).as("seed %d", seed).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void aBlockFileOfANewerFormatIsAMissButIsLeftAlone() throws Exception {
    BlockCache c = BlockCaches.disk(dir, 1 << 20);
    c.put(key(0), block(0));
    Path file = blockFiles().get(0);
    byte[] raw = Files.readAllBytes(file);
    raw[4] = (byte) (DiskBlockCache.VERSION + 1);
    Files.write(file, raw);
    assertThat(c.get(key(0))).isEmpty();
    assertThat(file).exists();
  }

  @Test
  void aBlockFileStoredUnderAnotherKeyIsNotServed() throws Exception {
    BlockCache c = BlockCaches.disk(dir, 1 << 20);
    c.put(key(0), block(0));
    Path file0 = blockFiles().get(0);
    c.put(key(1), block(1));
    Path file1 = blockFiles().stream().filter(p -> !p.equals(file0)).findFirst().orElseThrow();
    Files.copy(file0, file1, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(c.get(key(1))).isEmpty();
  }

  @Test
  void theDiskCacheStaysWithinItsBound() throws Exception {
    DiskBlockCache c = new DiskBlockCache(dir, 20_000);
    for (int i = 0; i < 60; i++) {
      c.put(key(i), block(i));
    }
    long onDisk = 0;
    for (Path p : blockFiles()) {
      onDisk += Files.size(p);
    }
    assertThat(onDisk).isLessThanOrEqualTo(20_000).isEqualTo(c.bytes());
    assertThat(c.get(key(59))).isPresent();
  }

  @Test
  void aTieredCacheFillsTheFasterTierOnASlowerHit() throws Exception {
    BlockCache memory = BlockCaches.memory(1 << 20);
    BlockCache disk = BlockCaches.disk(dir, 1 << 20);
    disk.put(key(0), block(0));
    BlockCache tiered = BlockCaches.tiered(memory, disk);
    assertThat(memory.get(key(0))).isEmpty();
    assertThat(bytes(tiered.get(key(0)).orElseThrow())).isEqualTo(block(0));
    assertThat(bytes(memory.get(key(0)).orElseThrow())).isEqualTo(block(0));
    tiered.put(key(1), block(1));
    assertThat(disk.get(key(1))).isPresent();
  }

  @Test
  void keysValidate() {
    assertThatThrownBy(() -> new BlockKey("x", "v", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockKey("x", "v", 10, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockKey(null, "v", 10, 0)).isInstanceOf(NullPointerException.class);
  }
}
