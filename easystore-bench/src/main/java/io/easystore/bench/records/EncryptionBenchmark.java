package io.easystore.bench.records;

import io.easystore.codec.CodecId;
import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import io.easystore.records.ReaderOptions;
import io.easystore.records.RecordArchives;
import io.easystore.records.RecordCursor;
import io.easystore.records.RecordReader;
import io.easystore.records.RecordTypes;
import io.easystore.records.RecordWriter;
import io.easystore.records.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Record archives with and without AES-256-GCM page encryption (issue 8): appending
 * {@link Data#RECORDS} records of {@code recordSize} bytes to a new file (create, append, close
 * with its fsync), and scanning such a file from the page cache with a cursor, every record copied
 * out. Scores are records per second, as in {@link AppendBenchmark} and {@link ScanBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class EncryptionBenchmark {
  @Param({"1024"})
  public int recordSize;

  @Param({"none", "zstd"})
  public String codec;

  @Param({"plain", "enc"})
  public String mode;

  byte[][] records;
  KeyProvider keys;
  Path dir;
  Path appended;
  Path scanned;
  RecordReader reader;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    records = Data.records(recordSize, Data.RECORDS, 1);
    byte[] key = new byte[32];
    new SplittableRandom(8).nextBytes(key);
    keys = KeyProviders.of("bench", key);
    dir = Files.createTempDirectory("bench-crypto-records");
    appended = dir.resolve("a.out");
    scanned = dir.resolve("s.out");
    write(scanned);
    ReaderOptions ro = ReaderOptions.defaults();
    reader = RecordArchives.open(scanned, mode.equals("enc") ? ro.withKeys(keys) : ro);
  }

  @Setup(Level.Invocation)
  public void fresh() throws IOException {
    Files.deleteIfExists(appended);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reader.close();
    Files.deleteIfExists(appended);
    Files.deleteIfExists(scanned);
    Files.deleteIfExists(dir);
  }

  private long write(Path file) throws IOException {
    WriterOptions o = WriterOptions.defaults().withCodec(codec.equals("zstd") ? CodecId.ZSTD : CodecId.NONE);
    if (mode.equals("enc")) {
      o = o.withEncryption("bench", keys);
    }
    try (RecordWriter w = RecordArchives.create(file, o)) {
      for (byte[] r : records) {
        w.append(r);
      }
      return w.size();
    }
  }

  @Benchmark
  @OperationsPerInvocation(Data.RECORDS)
  public long append() throws IOException {
    return write(appended);
  }

  @Benchmark
  @OperationsPerInvocation(Data.RECORDS)
  public long scan() throws IOException {
    long sum = 0;
    RecordCursor<byte[]> c = reader.cursor(RecordTypes.bytes());
    while (c.next()) {
      sum += c.current().value().length;
    }
    return sum;
  }
}
