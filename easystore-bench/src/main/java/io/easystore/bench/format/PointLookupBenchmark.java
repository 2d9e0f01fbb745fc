package io.easystore.bench.format;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm random point lookup: read the whole body of a random entry, by name, from the same
 * entries in each peer. DES v2 through positional reads (FileChannel) and through a memory
 * mapping; {@link ZipFile}; the zip file system; the plain file system (open/read/close of one
 * file per lookup); LMDB (lmdbjava, one read transaction held open, value copied out). Sample
 * mode gives the percentiles (p50 is the figure of interest).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PointLookupBenchmark {
  @Param({"100000"})
  int entries;

  @Param({"200", "4096"})
  int size;

  @Param({"des-pread", "des-mmap", "zipfile", "zipfs", "filesystem", "lmdb"})
  String peer;

  private String[] names;
  private byte[][] keysUtf8;
  private int[] order;
  private int next;
  private DesReader des;
  private ZipFile zipFile;
  private FileSystem zipfs;
  private Path tree;
  private Env<ByteBuffer> env;
  private Dbi<ByteBuffer> dbi;
  private Txn<ByteBuffer> txn;
  private ByteBuffer key;

  @Setup
  public void setup() throws IOException {
    names = new String[entries];
    keysUtf8 = new byte[entries][];
    for (int i = 0; i < entries; i++) {
      names[i] = Datasets.name(i);
      keysUtf8[i] = names[i].getBytes(StandardCharsets.UTF_8);
    }
    order = new int[1 << 16];
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < order.length; i++) {
      order[i] = rnd.nextInt(entries);
    }
    switch (peer) {
      case "des-pread":
        des = DesReader.open(RangeSources.file(Datasets.des(entries, size)), ReaderOptions.defaults().withPinnedIndex());
        break;
      case "des-mmap":
        des = DesReader.open(RangeSources.mmap(Datasets.des(entries, size)), ReaderOptions.defaults().withPinnedIndex());
        break;
      case "zipfile":
        zipFile = new ZipFile(Datasets.zip(entries, size).toFile());
        break;
      case "zipfs":
        zipfs = FileSystems.newFileSystem(URI.create("jar:" + Datasets.zip(entries, size).toUri()), Map.of());
        break;
      case "filesystem":
        tree = Datasets.tree(entries, size);
        break;
      case "lmdb":
        env = Env.create().setMapSize(((long) entries * (size + 200)) * 2 + (64L << 20)).setMaxDbs(1)
            .open(Datasets.lmdb(entries, size).toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOTLS);
        dbi = env.openDbi("d");
        txn = env.txnRead();
        key = ByteBuffer.allocateDirect(511);
        break;
      default:
        throw new IllegalArgumentException(peer);
    }
    // Warm every peer on every key once: the figure is for warm lookups.
    for (int i = 0; i < entries; i++) {
      next = i;
      read(i);
    }
  }

  @Benchmark
  public byte[] lookup() throws IOException {
    return read(order[next++ & (order.length - 1)]);
  }

  private byte[] read(int i) throws IOException {
    switch (peer) {
      case "des-pread":
      case "des-mmap":
        return des.getFile(names[i]);
      case "zipfile": {
        ZipEntry e = zipFile.getEntry(names[i]);
        try (InputStream in = zipFile.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
      case "zipfs":
        return Files.readAllBytes(zipfs.getPath(names[i]));
      case "filesystem":
        return Files.readAllBytes(tree.resolve(names[i]));
      default: {
        key.clear();
        key.put(keysUtf8[i]).flip();
        ByteBuffer v = dbi.get(txn, key);
        byte[] out = new byte[v.remaining()];
        v.get(out);
        return out;
      }
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    if (des != null) {
      des.close();
    }
    if (zipFile != null) {
      zipFile.close();
    }
    if (zipfs != null) {
      zipfs.close();
    }
    if (txn != null) {
      txn.close();
      env.close();
    }
  }
}
