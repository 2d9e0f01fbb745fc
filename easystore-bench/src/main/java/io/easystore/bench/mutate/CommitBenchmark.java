package io.easystore.bench.mutate;

import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Latency of replacing one small file and committing, with the updater kept open, in a container
 * of {@code entries} entries: the steady-state cost of a durable in-place update (three fsyncs
 * per commit). Sample time, so JMH reports percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CommitBenchmark {
  @Param({"100000"})
  int entries;

  @Param({"200"})
  int size;

  private DesUpdater updater;
  private SplittableRandom rnd;
  private int version;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path work = MutateData.copy(MutateData.des(entries, size), "jmh-" + entries);
    updater = DesUpdater.open(work);
    rnd = new SplittableRandom(5);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    updater.close();
  }

  @Benchmark
  public void replaceOneSmallFileAndCommit() throws IOException {
    int i = rnd.nextInt(entries);
    updater.put(MutateData.name(i), MutateData.body(i, size, ++version), null, null);
    updater.commit();
  }
}
