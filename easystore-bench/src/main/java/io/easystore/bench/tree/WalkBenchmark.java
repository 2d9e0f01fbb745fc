package io.easystore.bench.tree;

import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import io.easystore.tree.WalkEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Walks the whole 200,000-file tree, warm, counting files: {@link FileTree#walk} over the
 * container, {@link Files#walk} over the directory, and {@link FileTree#walk} over the directory
 * (same code as for the container).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class WalkBenchmark {
  @Param({"container-FileTree.walk", "directory-Files.walk", "directory-FileTree.walk"})
  public String mode;

  private Path dir;
  private FileTree tree;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path work = TreeData.work();
    dir = TreeData.smallFiles(work);
    Path c = TreeData.container(work, dir, "small-200k-none.des");
    if (mode.startsWith("container")) {
      tree = FileTrees.open(c);
    } else if (mode.endsWith("FileTree.walk")) {
      tree = FileTrees.ofDirectory(dir);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (tree != null) {
      tree.close();
    }
  }

  @Benchmark
  public long walk() throws IOException {
    if (tree != null) {
      try (Stream<WalkEntry> s = tree.walk("", false)) {
        return s.mapToLong(e -> e.files().size()).sum();
      }
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.count();
    }
  }
}
