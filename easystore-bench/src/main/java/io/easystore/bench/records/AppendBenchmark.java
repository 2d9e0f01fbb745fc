package io.easystore.bench.records;

import io.easystore.codec.CodecId;
import io.easystore.records.RecordArchives;
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

/** Appending {@link Data#RECORDS} records to a new file; the score is records per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {
  @Param({"100", "1024"})
  public int recordSize;

  /** records-none, records-zstd: this archive format; jsonl-gzip, jsonl-zstd: the peers. */
  @Param({"records-none", "records-zstd", "jsonl-gzip", "jsonl-zstd"})
  public String format;

  byte[][] records;
  Path dir;
  Path file;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    records = Data.records(recordSize, Data.RECORDS, 1);
    dir = Files.createTempDirectory("bench-append");
  }

  @Setup(Level.Invocation)
  public void fresh() throws IOException {
    file = dir.resolve("a.out");
    Files.deleteIfExists(file);
  }

  @TearDown(Level.Trial)
  public void cleanup() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  @OperationsPerInvocation(Data.RECORDS)
  public long append() throws IOException {
    switch (format) {
      case "records-none":
      case "records-zstd": {
        CodecId c = format.endsWith("zstd") ? CodecId.ZSTD : CodecId.NONE;
        try (RecordWriter w = RecordArchives.create(file, WriterOptions.defaults().withCodec(c))) {
          for (byte[] r : records) {
            w.append(r);
          }
          return w.size();
        }
      }
      default:
        Peers.write(format.substring(6), file, records);
        return Files.size(file);
    }
  }
}
