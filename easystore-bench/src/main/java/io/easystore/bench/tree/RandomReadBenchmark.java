package io.easystore.bench.tree;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSources;
import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Reads the same 10,000 random files (seeded) of the 200,000 x 1 KiB tree, warm: from a DES v2
 * container through {@link FileTree} (file channel or memory map) and from the directory with
 * {@link Files#readAllBytes}. One operation is the 10,000 reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 3)
public class RandomReadBenchmark {
  @Param({"container-file", "container-mmap", "filesystem"})
  public String mode;

  private Path tree;
  private FileTree container;
  private List<String> sample;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path work = TreeData.work();
    tree = TreeData.smallFiles(work);
    Path c = TreeData.container(work, tree, "small-200k-none.des");
    sample = TreeData.sample(TreeData.files(tree), 10_000, 42);
    if (mode.startsWith("container")) {
      container = FileTrees.of(DesReader.open(mode.endsWith("mmap") ? RangeSources.mmap(c) : RangeSources.file(c),
          ReaderOptions.defaults()));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (container != null) {
      container.close();
    }
  }

  @Benchmark
  public long read10k() throws IOException {
    long bytes = 0;
    if (container != null) {
      for (String p : sample) {
        bytes += container.readAllBytes(p).length;
      }
    } else {
      for (String p : sample) {
        bytes += Files.readAllBytes(tree.resolve(p)).length;
      }
    }
    return bytes;
  }
}
