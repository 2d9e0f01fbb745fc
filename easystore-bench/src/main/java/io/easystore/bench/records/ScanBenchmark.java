package io.easystore.bench.records;

import io.easystore.codec.CodecId;
import io.easystore.records.Entry;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Reading every record of a file of {@link Data#RECORDS} records (from the page cache); the score
 * is records per second. {@code parallel} uses {@code stream().parallel()} on the common pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScanBenchmark {
  @Param({"100", "1024"})
  public int recordSize;

  @Param({"records-none", "records-zstd", "records-none-parallel", "records-zstd-parallel", "jsonl-gzip",
      "jsonl-zstd"})
  public String format;

  Path dir;
  Path file;
  RecordReader reader;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    byte[][] records = Data.records(recordSize, Data.RECORDS, 1);
    dir = Files.createTempDirectory("bench-scan");
    file = dir.resolve("s.out");
    if (format.startsWith("records")) {
      CodecId c = format.contains("zstd") ? CodecId.ZSTD : CodecId.NONE;
      try (RecordWriter w = RecordArchives.create(file, WriterOptions.defaults().withCodec(c))) {
        for (byte[] r : records) {
          w.append(r);
        }
      }
      reader = RecordArchives.open(file, ReaderOptions.defaults());
    } else {
      Peers.write(format.substring(6), file, records);
    }
  }

  @TearDown(Level.Trial)
  public void cleanup() throws IOException {
    if (reader != null) {
      reader.close();
    }
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  @OperationsPerInvocation(Data.RECORDS)
  public long scan() throws IOException {
    if (format.endsWith("parallel")) {
      return reader.stream(RecordTypes.bytes()).parallel().mapToLong(e -> e.value().length).sum();
    }
    if (format.startsWith("records")) {
      long sum = 0;
      RecordCursor<byte[]> c = reader.cursor(RecordTypes.bytes());
      while (c.next()) {
        Entry<byte[]> e = c.current();
        sum += e.value().length;
      }
      return sum;
    }
    return Peers.scan(format.substring(6), file);
  }
}
