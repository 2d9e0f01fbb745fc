package io.easystore.bench.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Packing a whole {@link CryptoData} dataset into a new DES v2 container (create, add every file
 * from memory, close: index, footer, fsync and rename), with and without encryption. Score: ms per
 * container; files/s and MB/s follow from the dataset's size (BENCHMARKS.md, "Encryption").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class EncryptionWriteBenchmark {
  @Param({"small", "large"})
  public String workload;

  @Param({"none", "zstd"})
  public String codec;

  @Param({"plain", "enc", "enc-names-visible"})
  public String mode;

  @Param({"json"})
  public String content;

  String[] names;
  byte[][] bodies;
  Path dir;
  Path target;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    names = CryptoData.names(workload);
    bodies = CryptoData.bodies(workload, content);
    dir = Files.createTempDirectory(Datasets.dir(), "crypto-write");
    target = dir.resolve("w.des");
  }

  @Setup(Level.Invocation)
  public void fresh() throws IOException {
    Files.deleteIfExists(target);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(target);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long pack() throws IOException {
    return CryptoData.write(target, CryptoData.writer(codec, mode, dir), names, bodies);
  }
}
