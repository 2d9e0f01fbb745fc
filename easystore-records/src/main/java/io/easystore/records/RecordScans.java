package io.easystore.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;

/** Parallel processing of an archive's page ranges. */
public final class RecordScans {
  private RecordScans() {}

  /**
   * Maps every record and folds the results, {@code parallelism} page ranges at a time. Each range
   * is folded in record order and the ranges' results are combined in file order, so any
   * associative {@code combine} with identity {@code identity} gives the same result as a
   * sequential fold, however the archive is split.
   *
   * @throws IOException the first damage or I/O error any range hit (others are suppressed)
   */
  public static <T, R> R mapReduce(RecordReader reader, RecordType<T> type, int parallelism,
      Function<? super Entry<T>, ? extends R> map, R identity, BinaryOperator<R> combine) throws IOException {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    // A few ranges per thread even out pages that decode at different speeds.
    List<PageRange> ranges = reader.split(parallelism * 4);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "records-scan");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> parts = new ArrayList<>();
      for (PageRange range : ranges) {
        parts.add(pool.submit(() -> {
          R acc = identity;
          try (Stream<Entry<T>> s = reader.stream(type, range)) {
            for (Entry<T> e : (Iterable<Entry<T>>) s::iterator) {
              acc = combine.apply(acc, map.apply(e));
            }
          }
          return acc;
        }));
      }
      R result = identity;
      IOException failure = null;
      for (Future<R> f : parts) {
        try {
          R part = f.get();
          if (failure == null) {
            result = combine.apply(result, part);
          }
        } catch (ExecutionException e) {
          IOException io = unwrap(e.getCause());
          if (failure == null) {
            failure = io;
          } else {
            failure.addSuppressed(io);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("scan of " + reader.name() + " interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private static IOException unwrap(Throwable t) {
    if (t instanceof UncheckedIOException u) {
      return u.getCause();
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }
}
