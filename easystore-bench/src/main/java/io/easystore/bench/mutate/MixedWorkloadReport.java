package io.easystore.bench.mutate;

import io.easystore.DesReader;
import io.easystore.mutate.DesUpdater;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A mixed workload, 70 % reads, 20 % updates (a new body for a random file, which recreates it if
 * it was deleted), 10 % deletes, applied identically to DES v2 in place, the zip file system and a
 * directory of plain files, all holding the same entries at the start. Changes are published every
 * {@code batch} operations: DES commits (durably: three fsyncs), zipfs closes and reopens its file
 * system (it rewrites the archive, without fsync), the directory does nothing (each write is
 * visible at once and nothing is synced). DES reads go through a view taken at the start of each
 * batch; the operation list only reads files live at that point and not deleted since.
 *
 * <p>Usage: {@code java -Xmx6g -cp benchmarks.jar io.easystore.bench.mutate.MixedWorkloadReport
 * [entries=100000] [body bytes=200] [operations=20000] [batch=100]}
 */
public final class MixedWorkloadReport {
  private MixedWorkloadReport() {}

  /** An operation: 0 read, 1 update, 2 delete; of entry {@code index}; {@code version} of the new body. */
  record Op(int type, int index, int version) {}

  interface Store {
    byte[] read(String name) throws IOException;

    void write(String name, byte[] body) throws IOException;

    void delete(String name) throws IOException;

    void publish() throws IOException;

    void close() throws IOException;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    long t = System.nanoTime();
    Path des = MutateData.des(n, size);
    Path zip = MutateData.zip(n, size);
    Path tree = MutateData.tree(n, size);
    System.out.printf(Locale.ROOT, "# datasets ready in %.1f s%n", (System.nanoTime() - t) / 1e9);
    List<Op> ops = operations(n, count, batch);

    System.out.printf(Locale.ROOT, "%n%d entries of %d bytes, %d operations (70%% read, 20%% update, 10%% delete),"
        + " published every %d%n%n", n, size, count, batch);
    System.out.println("| system | total s | operations/s | bytes written | size after (bytes) |");
    System.out.println("|---|---:|---:|---:|---:|");
    double desRate = run("DES v2 in place", ops, batch, desStore(MutateData.copy(des, "mixed")), size);
    double zipRate = run("zipfs", ops, batch, zipStore(MutateData.copy(zip, "mixed")), size);
    double dirRate = run("directory of files", ops, batch, dirStore(MutateData.copyTree(tree, "mixed")), size);
    System.out.printf(Locale.ROOT, "%nDES operations/s relative to zipfs: %.1fx; to the directory: %.2fx%n",
        desRate / zipRate, desRate / dirRate);
  }

  static List<Op> operations(int n, int count, int batch) {
    SplittableRandom rnd = new SplittableRandom(7);
    BitSet live = new BitSet(n);
    live.set(0, n);
    BitSet liveAtBatch = (BitSet) live.clone();
    List<Op> ops = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      if (k % batch == 0) {
        liveAtBatch = (BitSet) live.clone();
      }
      int p = rnd.nextInt(100);
      if (p < 70) {
        ops.add(new Op(0, pick(rnd, liveAtBatch, n), 0));
      } else if (p < 90) {
        int i = rnd.nextInt(n);
        live.set(i);
        ops.add(new Op(1, i, k + 1));
      } else {
        int i = pick(rnd, live, n);
        live.clear(i);
        liveAtBatch.clear(i);
        ops.add(new Op(2, i, 0));
      }
    }
    return ops;
  }

  private static int pick(SplittableRandom rnd, BitSet set, int n) {
    int i = set.nextSetBit(rnd.nextInt(n));
    return i >= 0 ? i : set.nextSetBit(0);
  }

  private static double run(String label, List<Op> ops, int batch, Store s, int bodySize)
      throws IOException {
    long w0 = MutateData.bytesWritten();
    long t0 = System.nanoTime();
    long readBytes = 0;
    for (int k = 0; k < ops.size(); k++) {
      Op op = ops.get(k);
      String name = MutateData.name(op.index());
      switch (op.type()) {
        case 0 -> readBytes += s.read(name).length;
        case 1 -> s.write(name, MutateData.body(op.index(), bodySize, op.version()));
        default -> s.delete(name);
      }
      if ((k + 1) % batch == 0) {
        s.publish();
      }
    }
    s.publish();
    double secs = (System.nanoTime() - t0) / 1e9;
    long written = MutateData.bytesWritten() - w0;
    s.close();
    if (readBytes == 0) {
      throw new IllegalStateException("nothing read");
    }
    double rate = ops.size() / secs;
    System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %,d | %,d |%n", label, secs, rate, written, sizeOf());
    return rate;
  }

  private static long last;

  private static long sizeOf() {
    return last;
  }

  static Store desStore(Path c) throws IOException {
    DesUpdater u = DesUpdater.open(c);
    return new Store() {
      DesReader view = u.view();

      @Override
      public byte[] read(String name) throws IOException {
        return view.getFile(name);
      }

      @Override
      public void write(String name, byte[] body) throws IOException {
        u.put(name, body, null, null);
      }

      @Override
      public void delete(String name) throws IOException {
        u.delete(name);
      }

      @Override
      public void publish() throws IOException {
        u.commit();
        view.close();
        view = u.view();
      }

      @Override
      public void close() throws IOException {
        view.close();
        u.close();
        last = Files.size(c);
      }
    };
  }

  static Store zipStore(Path z) throws IOException {
    return new Store() {
      FileSystem fs = FileSystems.newFileSystem(z, Map.of());

      @Override
      public byte[] read(String name) throws IOException {
        return Files.readAllBytes(fs.getPath(name));
      }

      @Override
      public void write(String name, byte[] body) throws IOException {
        Path p = fs.getPath(name);
        Files.createDirectories(p.getParent());
        Files.write(p, body);
      }

      @Override
      public void delete(String name) throws IOException {
        Files.delete(fs.getPath(name));
      }

      @Override
      public void publish() throws IOException {
        fs.close();
        fs = FileSystems.newFileSystem(z, Map.of());
      }

      @Override
      public void close() throws IOException {
        fs.close();
        last = Files.size(z);
      }
    };
  }

  static Store dirStore(Path root) {
    return new Store() {
      @Override
      public byte[] read(String name) throws IOException {
        return Files.readAllBytes(root.resolve(name));
      }

      @Override
      public void write(String name, byte[] body) throws IOException {
        Files.write(root.resolve(name), body);
      }

      @Override
      public void delete(String name) throws IOException {
        Files.delete(root.resolve(name));
      }

      @Override
      public void publish() {
        // Plain files: every write is visible at once; nothing is synced.
      }

      @Override
      public void close() throws IOException {
        long[] total = {0};
        try (var s = Files.walk(root)) {
          s.filter(Files::isRegularFile).forEach(p -> total[0] += p.toFile().length());
        }
        last = total[0];
      }
    };
  }
}
