package io.easystore.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesWriter;
import io.easystore.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Packs a directory tree into a container, with FilePacker's defaults and the filters of
 * {@link PackOptions}. One thread writes; {@code threads} readers load the next files ahead of it
 * (reading many small files is latency bound), and the writer takes them strictly in walk order,
 * so the container's bytes do not depend on the thread count (apart from the random container
 * UUID of DES v2). Files are written in index order: each directory's files are neighbours.
 *
 * <p>Files up to {@value #IN_MEMORY_LIMIT} bytes are read whole by the readers; larger ones are
 * opened by a reader and streamed by the writer. At most {@value #WINDOW_BYTES} bytes are read
 * ahead. An unreadable entry fails the pack (nothing is published) unless skip-errors is set;
 * a large file that fails after part of it was written always fails the pack.
 *
 * <p>Stateless: the methods are thread-safe; each call uses its own pool.
 */
public final class TreePacker {
  static final int IN_MEMORY_LIMIT = 4 << 20;
  static final long WINDOW_BYTES = 64L << 20;

  private TreePacker() {}

  /**
   * Packs {@code dir} into a new container at {@code container}, published atomically when
   * everything went well; on failure nothing is left behind.
   */
  public static PackResult pack(Path dir, Path container, WriterOptions writerOptions, PackOptions options,
      PackListener listener) throws IOException {
    DesWriter w = DesWriter.create(container, writerOptions);
    PackResult r;
    try {
      r = pack(dir, w, options, listener);
    } catch (IOException | RuntimeException | Error e) {
      try {
        w.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    w.close();
    return r.withContainerBytes(Files.size(container));
  }

  /**
   * Adds the tree below {@code dir} to an open writer, which the caller closes (or aborts when this
   * throws). DES v1 writers take flat directories only.
   */
  public static PackResult pack(Path dir, DesWriter writer, PackOptions options, PackListener listener)
      throws IOException {
    ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), daemons()) : null;
    try {
      return new Run(dir, writer, options, listener, pool).run();
    } finally {
      if (pool != null) {
        pool.shutdown();
        try {
          // Readers only finish the small reads already queued; their results are closed by the run.
          pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "des-pack-reader-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A short description of an I/O problem for reports. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it disappeared while packing";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  /** A file as a reader loaded it: whole, opened for streaming, or failed. */
  private record Loaded(byte[] body, InputStream stream, ObjectNode meta, PackIssue issue) {
    void discard() {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException ignored) {
          // Only a read-ahead that will never be used is being released.
        }
      }
    }
  }

  private record Slot(SourceWalker.Item item, Future<Loaded> loading) {
    long weight() {
      return item.directory() || item.issue() != null ? 0 : Math.min(item.size(), IN_MEMORY_LIMIT);
    }
  }

  /** Remembers whether a failure came from the source file rather than from the writer. */
  private static final class SourceStream extends FilterInputStream {
    IOException failure;

    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  private static final class Run {
    private final DesWriter writer;
    private final PackOptions options;
    private final PackListener listener;
    private final ExecutorService pool;
    private final SourceWalker walker;
    private final ArrayDeque<Slot> window = new ArrayDeque<>();
    private final List<PackIssue> errors = new ArrayList<>();
    private long files;
    private long directories;
    private long bytes;

    Run(Path dir, DesWriter writer, PackOptions options, PackListener listener, ExecutorService pool)
        throws IOException {
      this.writer = writer;
      this.options = options;
      this.listener = listener;
      this.pool = pool;
      this.walker = new SourceWalker(dir, options, pool, writer.formatVersion() == 1, listener::notice);
    }

    PackResult run() throws IOException {
      int maxSlots = pool == null ? 1 : options.threads() * 4;
      long inFlight = 0;
      boolean walked = false;
      try {
        while (true) {
          while (!walked && window.size() < maxSlots && inFlight < WINDOW_BYTES) {
            SourceWalker.Item item = walker.next();
            if (item == null) {
              walked = true;
              break;
            }
            Future<Loaded> f = null;
            if (!item.directory() && item.issue() == null && pool != null) {
              f = pool.submit(() -> load(item));
            }
            Slot s = new Slot(item, f);
            inFlight += s.weight();
            window.add(s);
          }
          Slot s = window.poll();
          if (s == null) {
            break;
          }
          inFlight -= s.weight();
          write(s);
        }
      } finally {
        for (Slot s : window) {
          release(s);
        }
      }
      return new PackResult(files, directories, bytes, 0, walker.excluded, walker.linksNotFollowed, walker.loops,
          walker.other, errors, walker.brokenLinks);
    }

    private Loaded load(SourceWalker.Item item) {
      InputStream opened = null;
      try {
        ObjectNode meta = options.metadata() == null ? null : options.metadata().of(item.file(), item.path());
        if (item.size() <= IN_MEMORY_LIMIT) {
          return new Loaded(readSmall(item.file(), (int) item.size()), null, meta, null);
        }
        opened = Files.newInputStream(item.file());
        return new Loaded(null, opened, meta, null);
      } catch (IOException e) {
        return new Loaded(null, null, null, new PackIssue(item.path(), describe(e)));
      }
    }

    /**
     * Reads a file whose size the walk saw, without asking for it again (one system call fewer than
     * {@link Files#readAllBytes} per file); a file that changed size since is still read whole.
     */
    private static byte[] readSmall(Path file, int expected) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        byte[] body = new byte[expected];
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
          if (ch.read(b) < 0) {
            return Arrays.copyOf(body, b.position());
          }
        }
        ByteBuffer probe = ByteBuffer.allocate(8192);
        int n = ch.read(probe);
        if (n <= 0) {
          return body;
        }
        ByteArrayOutputStream grown = new ByteArrayOutputStream(expected + n);
        grown.write(body);
        do {
          grown.write(probe.array(), 0, n);
          probe.clear();
          n = ch.read(probe);
        } while (n > 0);
        return grown.toByteArray();
      }
    }

    private Loaded await(Slot s) throws IOException {
      if (s.loading() == null) {
        return load(s.item());
      }
      try {
        return s.loading().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + s.item().file());
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) {
          throw r;
        }
        if (c instanceof Error err) {
          throw err;
        }
        throw new IOException("reading " + s.item().file() + " failed: " + c, c);
      }
    }

    private void release(Slot s) {
      if (s.loading() != null) {
        s.loading().cancel(false);
        if (s.loading().isDone() && !s.loading().isCancelled()) {
          try {
            s.loading().get().discard();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException ignored) {
            // A read-ahead that failed holds nothing to release.
          }
        }
      }
    }

    private void problem(PackIssue issue) throws TreePackException {
      if (!options.skipErrors()) {
        throw new TreePackException(List.of(issue), null);
      }
      errors.add(issue);
      listener.skipped(issue);
    }

    private void write(Slot s) throws IOException {
      SourceWalker.Item item = s.item();
      if (item.issue() != null) {
        problem(item.issue());
        return;
      }
      if (item.directory()) {
        writer.addDirectory(item.path(), item.attributes());
        directories++;
        return;
      }
      Loaded l = await(s);
      if (l.issue() != null) {
        problem(l.issue());
        return;
      }
      long n;
      if (l.body() != null) {
        writer.addFile(item.path(), l.body(), l.meta(), item.attributes());
        n = l.body().length;
      } else {
        SourceStream in = new SourceStream(l.stream());
        long before = writer.bytesWritten();
        try (in) {
          writer.addFile(item.path(), in, l.meta(), item.attributes());
        } catch (IOException e) {
          if (in.failure != null) {
            throw new TreePackException(List.of(new PackIssue(item.path(), "reading failed after part of it was"
                + " written, so the container cannot be completed: " + describe(in.failure))), e);
          }
          throw e;
        }
        n = Math.max(item.size(), writer.bytesWritten() - before);
      }
      files++;
      bytes += n;
      listener.added(item.path(), n);
    }
  }
}
