package io.easystore.bench.tree;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.io.RangeSources;
import io.easystore.tree.FileTree;
import io.easystore.tree.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One pass of the 10,000 random reads of {@link RandomReadBenchmark}, for counting system calls
 * with {@code strace -c -f}: mode {@code none} (set up, read nothing: the baseline to subtract),
 * {@code container-file}, {@code container-mmap} or {@code filesystem}. The sample is chosen
 * before the marker line "reading" is printed.
 */
public final class RandomReadProbe {
  private RandomReadProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path work = TreeData.work();
    Path tree = TreeData.smallFiles(work);
    Path c = TreeData.container(work, tree, "small-200k-none.des");
    // The sample is generated, not listed from the directory, so that no mode pays for a directory walk.
    List<String> all = new java.util.ArrayList<>();
    for (int d = 0; d < TreeData.SMALL_DIRS; d++) {
      for (int f = 0; f < TreeData.SMALL_FILES / TreeData.SMALL_DIRS; f++) {
        all.add(String.format("d%03d/f%04d.bin", d, f));
      }
    }
    List<String> sample = TreeData.sample(all, 10_000, 42);
    long bytes = 0;
    System.out.println("reading");
    if (mode.startsWith("container")) {
      try (FileTree t = FileTrees.of(DesReader.open(mode.endsWith("mmap") ? RangeSources.mmap(c) : RangeSources.file(c),
          ReaderOptions.defaults()))) {
        for (String p : sample) {
          bytes += t.readAllBytes(p).length;
        }
      }
    } else if (mode.equals("filesystem")) {
      for (String p : sample) {
        bytes += Files.readAllBytes(tree.resolve(p)).length;
      }
    }
    System.out.println(mode + ": " + bytes + " bytes");
  }
}
