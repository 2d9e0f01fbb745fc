package io.easystore.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The block cache contract for {@link BlockCaches#disk}: bounded by bytes of files on disk. */
class DiskBlockCacheContractTest extends BlockCacheContract {
  @TempDir Path dir;

  @Override
  protected BlockCache create(long maxBytes) throws IOException {
    return BlockCaches.disk(dir, maxBytes);
  }

  @Override
  protected long held(BlockCache cache) throws IOException {
    return filesUnder(dir);
  }

  /** Bytes of the block files under {@code dir}: what the bound is about, not a counter. */
  static long filesUnder(Path dir) throws IOException {
    long total = 0;
    for (Path p : blockFiles(dir)) {
      total += Files.size(p);
    }
    return total;
  }

  static List<Path> blockFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".blk")).toList();
    }
  }

  /** Flips one bit of the only block file, or truncates it. */
  static void damageTheOnlyFile(Path dir, long seed) throws IOException {
    List<Path> files = blockFiles(dir);
    assertThat(files).hasSize(1);
    byte[] raw = Files.readAllBytes(files.get(0));
    SplittableRandom r = new SplittableRandom(seed);
    if (seed % 3 == 0) {
      raw = Arrays.copyOf(raw, r.nextInt(raw.length));
    } else {
      int bit = r.nextInt(raw.length * 8);
      raw[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    Files.write(files.get(0), raw);
  }

  @Override
  protected boolean damage(BlockCache cache, long seed) throws IOException {
    damageTheOnlyFile(dir, seed);
    // The disk cache must notice every damage, not only hand out the right bytes by luck.
    assertThat(cache.get(key(0))).as("seed %d", seed).isEmpty();
    return true;
  }
}
