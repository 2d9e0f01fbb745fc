package io.easystore.bench.format;

import io.easystore.DesReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
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
 * Reading {@link CryptoData} containers with and without encryption, warm (file in the page cache,
 * index pages in the reader's cache): random point reads of the small files ({@code getFile} of a
 * random name; score: reads per second) and sequential streaming of the 64 MiB of large files
 * ({@code openStream}, 64 KiB reads; score: ms for all four files).
 */
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class EncryptionReadBenchmark {

  /** Holds a reader over the container of one matrix cell; opened once per trial. */
  @State(Scope.Thread)
  public abstract static class Opened {
    @Param({"none", "zstd"})
    public String codec;

    @Param({"plain", "enc", "enc-names-visible"})
    public String mode;

    @Param({"json"})
    public String content;

    DesReader reader;
    String[] names;

    void open(String workload) throws IOException {
      names = CryptoData.names(workload);
      reader = DesReader.open(CryptoData.container(workload, codec, mode, content), CryptoData.reader(mode));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      reader.close();
    }
  }

  /** The small-file container, every file read once before measuring. */
  @State(Scope.Thread)
  public static class Small extends Opened {
    int[] order;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open("small");
      for (String n : names) {
        reader.getFile(n);
      }
      SplittableRandom rnd = new SplittableRandom(7);
      order = new int[1 << 16];
      for (int i = 0; i < order.length; i++) {
        order[i] = rnd.nextInt(names.length);
      }
    }
  }

  /** The large-file container, streamed once before measuring. */
  @State(Scope.Thread)
  public static class Large extends Opened {
    final byte[] buffer = new byte[64 << 10];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open("large");
      streamAll(this);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int pointRead(Small s) throws IOException {
    return s.reader.getFile(s.names[s.order[s.next++ & (s.order.length - 1)]]).length;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long streamLarge(Large l) throws IOException {
    return streamAll(l);
  }

  static long streamAll(Large l) throws IOException {
    long total = 0;
    for (String n : l.names) {
      try (InputStream in = l.reader.openStream(n)) {
        for (int r; (r = in.read(l.buffer)) >= 0; ) {
          total += r;
        }
      }
    }
    if (total != (long) CryptoData.LARGE_FILES * CryptoData.LARGE_SIZE) {
      throw new IllegalStateException("streamed " + total + " bytes");
    }
    return total;
  }
}
