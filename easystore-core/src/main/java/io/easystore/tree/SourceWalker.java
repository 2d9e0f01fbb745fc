package io.easystore.tree;

import io.easystore.EntryAttributes;
import io.easystore.internal.v1.V1Index;
import io.easystore.internal.v2.V2Paths;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Walks a directory for {@link TreePacker}, applying the filters, and yields its entries in DES v2
 * index order: directories by the UTF-8 bytes of their paths (a priority queue, not a depth-first
 * walk), the files of each directory sorted by name. Bodies written in this order lie in the
 * container in the order of its index, so one directory's files are neighbours on disk.
 *
 * <p>Reading attributes is latency bound like reading files: for large directories the
 * {@code stat} calls are spread over the packing pool. Link loops are found by file key against
 * the chain of directories above. Used by one thread.
 */
final class SourceWalker {
  /** An entry to pack, or a problem met while walking, in the order they must be written. */
  record Item(String path, Path file, boolean directory, long size, EntryAttributes attributes, PackIssue issue) {}

  private record Ancestors(Object key, String path, Ancestors parent) {
    Ancestors find(Object k) {
      for (Ancestors a = this; a != null; a = a.parent) {
        if (k.equals(a.key)) {
          return a;
        }
      }
      return null;
    }
  }

  private record Pending(String path, Path file, Ancestors ancestors) {}

  /** @param broken a link whose target is missing or itself: left out with a notice, as tar and zip do */
  private record Stat(BasicFileAttributes attributes, boolean link, IOException error, boolean broken) {
    Stat(BasicFileAttributes attributes, boolean link, IOException error) {
      this(attributes, link, error, false);
    }
  }

  private static final int PARALLEL_STAT_MIN = 64;

  private final Path root;
  private final PackOptions options;
  private final List<PathGlob> excludes = new ArrayList<>();
  private final ExecutorService pool;
  private final boolean flat;
  private final boolean posix;
  private final Consumer<String> notices;
  private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> TreePaths.BYTE_ORDER.compare(a.path, b.path));
  private final ArrayDeque<Item> ready = new ArrayDeque<>();
  long excluded;
  long linksNotFollowed;
  long loops;
  long brokenLinks;
  long other;

  /**
   * @param pool spreads attribute reads of large directories, or null
   * @param flat DES v1: a subdirectory that passes the filters is an error
   */
  SourceWalker(Path root, PackOptions options, ExecutorService pool, boolean flat, Consumer<String> notices)
      throws IOException {
    BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class);
    if (!a.isDirectory()) {
      throw new NotDirectoryException(root.toString());
    }
    this.root = root;
    this.options = options;
    for (String g : options.excludeGlobs()) {
      excludes.add(PathGlob.compile(g));
    }
    this.pool = pool;
    this.flat = flat;
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    this.notices = notices;
    queue.add(new Pending("", root, new Ancestors(a.fileKey() == null ? root.toAbsolutePath() : a.fileKey(), "", null)));
  }

  /** The next entry, or null when the walk is over. */
  Item next() throws IOException {
    while (ready.isEmpty()) {
      Pending d = queue.poll();
      if (d == null) {
        return null;
      }
      expand(d);
    }
    return ready.poll();
  }

  private void expand(Pending d) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d.file)) {
      for (Path c : s) {
        names.add(c.getFileName().toString());
      }
    } catch (IOException e) {
      ready.add(failed(d.path.isEmpty() ? "." : d.path, "cannot list directory: " + TreePacker.describe(e)));
      return;
    }
    if (!options.includeHidden()) {
      for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
        if (it.next().startsWith(".")) {
          it.remove();
          excluded++;
        }
      }
    }
    names.sort(TreePaths.BYTE_ORDER);
    Stat[] stats = statAll(d.file, names);
    for (int i = 0; i < names.size(); i++) {
      classify(d, names.get(i), stats[i]);
    }
  }

  private void classify(Pending d, String name, Stat stat) throws IOException {
    String rel = TreePaths.join(d.path, name);
    if (stat.broken) {
      brokenLinks++;
      notices.accept("left out '" + rel + "': " + stat.error.getMessage());
      return;
    }
    if (stat.error != null) {
      ready.add(failed(rel, TreePacker.describe(stat.error)));
      return;
    }
    if (stat.link && !options.followLinks()) {
      linksNotFollowed++;
      return;
    }
    BasicFileAttributes a = stat.attributes;
    if (a.isDirectory()) {
      if (excludedByGlob(rel)) {
        excluded++;
        return;
      }
      if (flat) {
        throw new IOException(root + " has a subdirectory '" + rel + "', but DES v1 holds flat names only;"
            + " pack a flat directory, or write DES v2 (the default), which keeps trees");
      }
      Object key = a.fileKey() == null ? d.file.resolve(name).toRealPath() : a.fileKey();
      Ancestors loop = d.ancestors.find(key);
      if (loop != null) {
        loops++;
        notices.accept("not following '" + rel + "': it leads back to '" + (loop.path.isEmpty() ? "." : loop.path)
            + "' (a symbolic link loop)");
        return;
      }
      String problem = pathProblem(rel);
      if (problem != null) {
        ready.add(failed(rel, problem));
        return;
      }
      ready.add(new Item(rel, d.file.resolve(name), true, 0, attributesOf(a), null));
      queue.add(new Pending(rel, d.file.resolve(name), new Ancestors(key, rel, d.ancestors)));
    } else if (a.isRegularFile()) {
      if (excludedByGlob(rel) || !options.extensionAllowed(name)) {
        excluded++;
        return;
      }
      String problem = pathProblem(rel);
      ready.add(problem != null ? failed(rel, problem)
          : new Item(rel, d.file.resolve(name), false, a.size(), attributesOf(a), null));
    } else {
      other++;
    }
  }

  private boolean excludedByGlob(String rel) {
    for (PathGlob g : excludes) {
      if (g.matches(rel)) {
        return true;
      }
    }
    return false;
  }

  private String pathProblem(String rel) {
    try {
      if (flat) {
        V1Index.validateName(rel);
      } else {
        V2Paths.validate(rel);
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "cannot be stored: " + e.getMessage();
    }
  }

  private static Item failed(String path, String problem) {
    return new Item(path, null, false, 0, EntryAttributes.NONE, new PackIssue(path, problem));
  }

  static EntryAttributes attributesOf(BasicFileAttributes a) {
    int mode = EntryAttributes.NO_MODE;
    if (a instanceof PosixFileAttributes p) {
      mode = 0;
      // PosixFilePermissions.toString spells owner rwx, group rwx, others rwx: bit 8 down to bit 0.
      String rwx = PosixFilePermissions.toString(p.permissions());
      for (int i = 0; i < 9; i++) {
        if (rwx.charAt(i) != '-') {
          mode |= 1 << (8 - i);
        }
      }
    }
    return new EntryAttributes(a.lastModifiedTime().toMillis(), mode);
  }

  private Stat[] statAll(Path dir, List<String> names) throws IOException {
    int n = names.size();
    Stat[] out = new Stat[n];
    if (pool == null || n < PARALLEL_STAT_MIN) {
      for (int i = 0; i < n; i++) {
        out[i] = stat(dir.resolve(names.get(i)));
      }
      return out;
    }
    int chunk = Math.max(16, n / (options.threads() * 4));
    List<Future<?>> parts = new ArrayList<>();
    for (int from = 0; from < n; from += chunk) {
      int f = from;
      int t = Math.min(n, from + chunk);
      parts.add(pool.submit(() -> {
        for (int i = f; i < t; i++) {
          out[i] = stat(dir.resolve(names.get(i)));
        }
      }));
    }
    for (Future<?> part : parts) {
      try {
        part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading attributes in " + dir);
      } catch (ExecutionException e) {
        throw new IOException("reading attributes in " + dir + " failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private Stat stat(Path p) {
    Class<? extends BasicFileAttributes> kind = posix ? PosixFileAttributes.class : BasicFileAttributes.class;
    try {
      BasicFileAttributes a = Files.readAttributes(p, kind, LinkOption.NOFOLLOW_LINKS);
      if (!a.isSymbolicLink() || !options.followLinks()) {
        return new Stat(a, a.isSymbolicLink(), null);
      }
      try {
        return new Stat(Files.readAttributes(p, kind), true, null);
      } catch (NoSuchFileException e) {
        return new Stat(null, true, new IOException("broken symbolic link (its target does not exist)", e), true);
      } catch (FileSystemLoopException e) {
        return new Stat(null, true, new IOException("symbolic link that resolves to itself", e), true);
      } catch (java.nio.file.FileSystemException e) {
        if (e.getReason() != null && e.getReason().contains("levels of symbolic links")) {
          // ELOOP, which Linux reports for a link to itself rather than FileSystemLoopException.
          return new Stat(null, true, new IOException("symbolic link that resolves to itself", e), true);
        }
        throw e;
      }
    } catch (IOException e) {
      return new Stat(null, false, e);
    }
  }
}
