package io.easystore.bench.remote;

import io.easystore.DesReader;
import io.easystore.ReaderOptions;
import io.easystore.bench.remote.RemoteDatasets.Format;
import io.easystore.remote.RemoteRangeSource;
import io.easystore.io.RequestStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests, bytes and latency of lookups in remote containers: DES v2, DES v1 and zip, all read
 * through the same {@link RemoteRangeSource} (the request logic of the HTTP and S3 sources over a
 * local file, {@link FileTransport}). The request and byte counts are exact and do not depend on
 * the machine; the latency table injects a fixed round trip per request and no bandwidth limit.
 *
 * <p>Usage: {@code java -Xmx10g -cp easystore-bench/target/benchmarks.jar
 * io.easystore.bench.remote.RemoteLookupReport [sizes, default 1000,1000000] [body bytes, 100]
 * [round trip ms, 20] [formats, default DES_V2,DES_V1,ZIP]}
 */
public final class RemoteLookupReport {
  private RemoteLookupReport() {}

  /** One format opened over one source. */
  interface Store extends AutoCloseable {
    byte[] get(String name) throws Exception;

    Map<String, byte[]> getAll(List<String> names, long gap) throws Exception;

    @Override
    void close() throws IOException;
  }

  static Store open(Format f, RemoteRangeSource src, int concurrency) throws Exception {
    if (f == Format.ZIP) {
      RangeZipReader z = RangeZipReader.open(src);
      ExecutorService pool = concurrency > 1 ? Executors.newFixedThreadPool(concurrency) : null;
      return new Store() {
        @Override
        public byte[] get(String name) throws Exception {
          return z.get(name);
        }

        @Override
        public Map<String, byte[]> getAll(List<String> names, long gap) throws Exception {
          return z.getAll(names, gap, pool);
        }

        @Override
        public void close() throws IOException {
          if (pool != null) {
            pool.shutdown();
          }
          z.close();
        }
      };
    }
    DesReader r = DesReader.open(src, ReaderOptions.defaults().withBatchConcurrency(concurrency));
    return new Store() {
      @Override
      public byte[] get(String name) throws Exception {
        return r.getFile(name);
      }

      @Override
      public Map<String, byte[]> getAll(List<String> names, long gap) throws Exception {
        return r.getFiles(names, gap);
      }

      @Override
      public void close() throws IOException {
        r.close();
      }
    };
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1_000, 1_000_000};
    int body = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    long rtt = args.length > 2 ? Long.parseLong(args[2]) : 20;
    List<Format> formats = args.length > 3
        ? Arrays.stream(args[3].split(",")).map(Format::valueOf).toList() : List.of(Format.values());
    List<String> counts = new ArrayList<>();
    List<String> latency = new ArrayList<>();
    for (int n : sizes) {
      for (Format f : formats) {
        long t0 = System.nanoTime();
        Path p = RemoteDatasets.get(f, n, body);
        System.err.printf(Locale.ROOT, "%s %d: %d bytes (ready in %.1f s)%n", f.label, n, Files.size(p),
            (System.nanoTime() - t0) / 1e9);
        counts.add(counts(f, n, body, p));
        System.err.println(counts.get(counts.size() - 1));
        latency.add(latency(f, n, body, p, rtt));
        System.err.println(latency.get(latency.size() - 1));
      }
    }
    System.out.println("| entries | format | file | open | cold lookup (open + 1) | warm, same entry"
        + " | warm, random (after 1,000) | batch of 1,000, cold | same batch again | batch of 1,000, gap 4 KiB |");
    System.out.println("|---:|---|---:|---|---|---|---|---|---|---|");
    counts.forEach(System.out::println);
    System.out.println();
    System.out.println("| entries | format | open + cold lookup | warm lookup | open + batch of 1,000, gap 4 KiB,"
        + " 1 read at a time | same, 8 reads in flight |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    latency.forEach(System.out::println);
  }

  /** Requests and bytes of one operation, as "requests / bytes". */
  static String cost(RequestStats.Snapshot s) {
    return s.requests() + " / " + human(s.bytes());
  }

  static String human(long b) {
    if (b < 10_000) {
      return b + " B";
    }
    if (b < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
  }

  static List<Integer> picks(int n, int k, long seed) {
    Random rnd = new Random(seed);
    Set<Integer> s = new LinkedHashSet<>();
    while (s.size() < Math.min(k, n)) {
      s.add(rnd.nextInt(n));
    }
    return new ArrayList<>(s);
  }

  static List<String> names(Format f, List<Integer> ids) {
    List<String> out = new ArrayList<>();
    for (int i : ids) {
      out.add(RemoteDatasets.name(f, i));
    }
    return out;
  }

  static String counts(Format f, int n, int body, Path p) throws Exception {
    boolean heavy = f != Format.DES_V2 && n >= 5_000_000;
    List<Integer> sample = picks(n, heavy ? 3 : 20, 1);
    RequestStats.Snapshot open = null;
    long coldMin = Long.MAX_VALUE;
    long coldMax = 0;
    long coldBytes = 0;
    RequestStats.Snapshot warmSame = null;
    for (int i : sample) {
      try (RemoteRangeSource src = FileTransport.open(p, 0); Store s = open(f, src, 1)) {
        open = src.stats();
        check(s.get(RemoteDatasets.name(f, i)), i, body);
        RequestStats.Snapshot cold = src.stats();
        coldMin = Math.min(coldMin, cold.requests());
        coldMax = Math.max(coldMax, cold.requests());
        coldBytes += cold.bytes();
        s.get(RemoteDatasets.name(f, i));
        warmSame = src.stats().minus(cold);
      }
    }
    String steady;
    try (RemoteRangeSource src = FileTransport.open(p, 0); Store s = open(f, src, 1)) {
      for (int i : picks(n, 1000, 2)) {
        s.get(RemoteDatasets.name(f, i));
      }
      RequestStats.Snapshot before = src.stats();
      List<Integer> next = picks(n, 1000, 3);
      for (int i : next) {
        check(s.get(RemoteDatasets.name(f, i)), i, body);
      }
      RequestStats.Snapshot d = src.stats().minus(before);
      steady = String.format(Locale.ROOT, "%.2f / %s", d.requests() / (double) next.size(),
          human(d.bytes() / next.size()));
    }
    List<Integer> batchIds = picks(n, 1000, 4);
    List<String> batch = names(f, batchIds);
    String cold;
    String again;
    try (RemoteRangeSource src = FileTransport.open(p, 0); Store s = open(f, src, 1)) {
      RequestStats.Snapshot before = src.stats();
      Map<String, byte[]> got = s.getAll(batch, ReaderOptions.DEFAULT_MAX_GAP);
      cold = cost(src.stats().minus(before));
      check(got.get(batch.get(0)), batchIds.get(0), body);
      before = src.stats();
      s.getAll(batch, ReaderOptions.DEFAULT_MAX_GAP);
      again = cost(src.stats().minus(before));
    }
    String smallGap;
    try (RemoteRangeSource src = FileTransport.open(p, 0); Store s = open(f, src, 1)) {
      RequestStats.Snapshot before = src.stats();
      s.getAll(batch, 4096);
      smallGap = cost(src.stats().minus(before));
    }
    String coldRange = coldMin == coldMax ? Long.toString(coldMin) : coldMin + "-" + coldMax;
    return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |", n, f.label,
        human(Files.size(p)), cost(open), coldRange, human(coldBytes / sample.size()), cost(warmSame), steady,
        cold, again, smallGap);
  }

  static String latency(Format f, int n, int body, Path p, long rtt) throws Exception {
    boolean heavy = f != Format.DES_V2 && n >= 5_000_000;
    List<Integer> sample = picks(n, heavy ? 3 : 7, 5);
    long[] cold = new long[sample.size()];
    long[] warm = new long[sample.size()];
    for (int k = 0; k < sample.size(); k++) {
      int i = sample.get(k);
      long t0 = System.nanoTime();
      try (RemoteRangeSource src = FileTransport.open(p, rtt); Store s = open(f, src, 1)) {
        check(s.get(RemoteDatasets.name(f, i)), i, body);
        long t1 = System.nanoTime();
        s.get(RemoteDatasets.name(f, i));
        warm[k] = System.nanoTime() - t1;
        cold[k] = t1 - t0;
      }
    }
    Arrays.sort(cold);
    Arrays.sort(warm);
    List<String> batch = names(f, picks(n, 1000, 4));
    long[] batchMs = new long[2];
    long[] batchRequests = new long[2];
    int[] conc = {1, 8};
    for (int c = 0; c < 2; c++) {
      long t0 = System.nanoTime();
      try (RemoteRangeSource src = FileTransport.open(p, rtt); Store s = open(f, src, conc[c])) {
        s.getAll(batch, 4096);
        batchRequests[c] = src.stats().requests();
      }
      batchMs[c] = (System.nanoTime() - t0) / 1_000_000;
    }
    return String.format(Locale.ROOT, "| %,d | %s | %d ms | %d ms | %,d ms (%,d requests) | %,d ms (%,d requests) |",
        n, f.label, cold[cold.length / 2] / 1_000_000, warm[warm.length / 2] / 1_000_000, batchMs[0],
        batchRequests[0], batchMs[1], batchRequests[1]);
  }

  static void check(byte[] got, int i, int body) {
    if (!Arrays.equals(got, RemoteDatasets.body(i, body))) {
      throw new IllegalStateException("wrong body for entry " + i);
    }
  }
}
