package io.easystore;

import io.easystore.internal.container.ContainerReaders;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a DES container. Opening is cheap and structural (the footer and the index bounds);
 * bodies and metadata are read on demand with positional reads, and {@link #verify()} does the
 * full pass.
 *
 * <p>Opening a DES v2 container reads the last 64 KiB (footer and root of the index). That is the
 * whole cost for a source with no local path (HTTP, S3, memory). For a local file it is followed
 * by a read of the 32-byte header (its update anchor) when the file is larger than 64 KiB, and by
 * a look for the lock file {@code NAME.lock} beside it after resolving the real path (a
 * {@code readlink} and an {@code access} call): a container with a lock file may have a live
 * updater, whose readers need leases. A never-updated local container thus costs one read, or two
 * when it is larger than 64 KiB; one with an update anchor or a lock file then reads its commit
 * state. A lookup then reads at most one index page per level below the root (pages are cached within
 * {@link ReaderOptions#pageCacheBytes()}) and then the body. Memory does not grow with the entry
 * count, except in the methods that return every entry ({@link #listFiles()},
 * {@link #getIndex()}), which are bounded by {@link ReaderOptions#maxEntries()}; use
 * {@link #list(String, String, int)} or {@link #entries()} to walk large containers. Because
 * {@link #contains}, {@link #listFiles()} and {@link #getIndex()} predate I/O on lookup, they
 * report I/O problems of v2 containers as {@link java.io.UncheckedIOException}. v1 containers
 * have no directories: the tree methods treat every name as a file in the root directory
 * {@code ""}.
 *
 * <p>Thread-safe: one open reader serves any number of threads at once, without a global lock.
 * Interrupting a reading thread fails only that thread's call (with an
 * {@link java.io.InterruptedIOException}, interrupt status kept); the reader keeps serving the
 * others. Arrays and streams returned belong to the caller. Missing entries are reported with
 * {@link java.nio.file.NoSuchFileException}; malformed containers with
 * {@link CorruptContainerException}.
 */
public interface DesReader extends Closeable {

  /** Opens a local container with default limits. */
  static DesReader open(Path path) throws IOException {
    return open(path, ReaderOptions.defaults());
  }

  /** Opens a local container. */
  static DesReader open(Path path, ReaderOptions options) throws IOException {
    RangeSource source = RangeSources.file(path);
    try {
      return ContainerReaders.open(source, options);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * Opens a container over any range source. The reader takes ownership: closing it closes the
   * source.
   */
  static DesReader open(RangeSource source, ReaderOptions options) throws IOException {
    return ContainerReaders.open(source, options);
  }

  /**
   * Opens a container wherever it lives: a local path, {@code file:}, {@code http(s)://} or a
   * scheme served by a {@link io.easystore.io.LocationProvider} on the class path, such as
   * {@code s3://bucket/key} with {@code easystore-s3} (see
   * {@link io.easystore.remote.RemoteSources#open(java.net.URI, io.easystore.remote.RemoteOptions)}).
   * A remote open costs one request (the tail); the remote tail is widened to
   * {@link ReaderOptions#tailBytes()} if that is larger, so the reader's tail never costs a second
   * one. The reader owns the source and closes it (also when opening fails). To count requests,
   * open the source with {@link io.easystore.remote.RemoteSources#open(String,
   * io.easystore.remote.RemoteOptions)} and pass it to {@link #open(RangeSource, ReaderOptions)};
   * {@link io.easystore.remote.RemoteSources#requestStats} then reports what the reader cost.
   */
  static DesReader open(java.net.URI uri, ReaderOptions readerOptions,
      io.easystore.remote.RemoteOptions remoteOptions) throws IOException {
    return openOwned(io.easystore.remote.RemoteSources.open(uri, widenTail(readerOptions, remoteOptions)),
        readerOptions);
  }

  /**
   * {@link #open(java.net.URI, ReaderOptions, io.easystore.remote.RemoteOptions)} for a location
   * as typed on a command line: a path (relative or absolute, never parsed as a URI) or a URI with
   * a scheme of two or more letters ({@code s3://b/k}, {@code https://h/p}, {@code file:/p}).
   */
  static DesReader open(String location, ReaderOptions readerOptions,
      io.easystore.remote.RemoteOptions remoteOptions) throws IOException {
    return openOwned(io.easystore.remote.RemoteSources.open(location, widenTail(readerOptions, remoteOptions)),
        readerOptions);
  }

  /** Opens over {@code source}, closing it if opening fails. */
  private static DesReader openOwned(RangeSource source, ReaderOptions options) throws IOException {
    try {
      return ContainerReaders.open(source, options);
    } catch (IOException | RuntimeException | Error e) {
      try {
        source.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static io.easystore.remote.RemoteOptions widenTail(ReaderOptions reader,
      io.easystore.remote.RemoteOptions remote) {
    int wanted = Math.min(reader.tailBytes(), 64 << 20);
    return wanted > remote.tailBytes() ? remote.withTailBytes(wanted) : remote;
  }

  /** The container's name (path or URI), as used in messages. */
  String name();

  /** The DES format version of the container. */
  int formatVersion();

  /** The format family: "DES", or "FilePacker" for a {@code .fpack} opened read-only. */
  default String formatName() {
    return "DES";
  }

  /**
   * Names of live (not deleted) file entries, in stored order (v2: index order; directories are
   * not included).
   */
  List<String> listFiles();

  /** Whether a live entry of this name exists. */
  boolean contains(String name);

  /** The index entry of a live entry (in v2 also of a directory, flagged {@link IndexEntry#DIRECTORY}). */
  IndexEntry entry(String name) throws IOException;

  /**
   * Every file entry in stored order, deleted ones included (v2: directories are left out; see
   * {@link #entries()}). Immutable.
   */
  List<IndexEntry> getIndex();

  /** The whole body of an entry. Bodies above 2 GiB need {@link #openStream}. */
  byte[] getFile(String name) throws IOException;

  /** A stream over an entry's body that reads it in chunks, never whole. */
  InputStream openStream(String name) throws IOException;

  /** The entry's JSON metadata (an object node). */
  JsonNode getMeta(String name) throws IOException;

  /**
   * Reads several bodies, merging entries that lie at most {@code maxGap} bytes apart into one
   * read. Returns a map in the order of {@code names}.
   */
  Map<String, byte[]> getFiles(Collection<String> names, long maxGap) throws IOException;

  /** {@link #getFiles(Collection, long)} with the reference gap of 1 MiB. */
  default Map<String, byte[]> getFiles(Collection<String> names) throws IOException {
    return getFiles(names, ReaderOptions.DEFAULT_MAX_GAP);
  }

  /**
   * The live children of a directory (files and directories), in index order: by the UTF-8 bytes
   * of their names. The root directory is {@code ""}.
   *
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws NotDirectoryException if {@code dir} is a file
   */
  default List<IndexEntry> list(String dir) throws IOException {
    return list(dir, null, Integer.MAX_VALUE);
  }

  /**
   * One page of a listing: at most {@code limit} children of {@code dir} that come after the
   * child named {@code startAfter} (a base name, or null to start at the first). Costs one index
   * descent plus the pages holding the children returned.
   */
  default List<IndexEntry> list(String dir, String startAfter, int limit) throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("negative limit " + limit);
    }
    if (!dir.isEmpty()) {
      if (contains(dir)) {
        throw new NotDirectoryException(dir);
      }
      throw new NoSuchFileException(dir, null, "no such directory in " + name());
    }
    List<IndexEntry> out = new ArrayList<>();
    boolean started = startAfter == null;
    for (String n : listFiles()) {
      if (out.size() >= limit) {
        break;
      }
      if (started) {
        out.add(entry(n));
      } else if (n.equals(startAfter)) {
        started = true;
      }
    }
    return out;
  }

  /** Whether a live file or directory exists at {@code path} ({@code ""}, the root, always does). */
  default boolean exists(String path) throws IOException {
    return path.isEmpty() || contains(path);
  }

  /** Whether {@code path} is a directory ({@code ""}, the root, always is). */
  default boolean isDirectory(String path) throws IOException {
    return path.isEmpty();
  }

  /**
   * A read-only channel over an entry's original bytes. Raw bodies seek freely; compressed ones
   * decompress from the start when seeking backwards.
   */
  SeekableByteChannel newChannel(String name) throws IOException;

  /**
   * Every entry in index order (files, directories, deleted ones), read page by page as the
   * stream is consumed; I/O problems surface as {@link java.io.UncheckedIOException}.
   */
  default Stream<IndexEntry> entries() {
    return getIndex().stream();
  }

  /**
   * The live entries (files and directories, not deleted ones) in index order, for loops that
   * want I/O problems as checked {@link IOException}s: {@code next()} returns null at the end.
   * Close it to release the underlying stream. Not thread-safe.
   */
  default EntryCursor liveEntries() {
    Stream<IndexEntry> stream = entries();
    java.util.Iterator<IndexEntry> it = stream.iterator();
    return new EntryCursor() {
      @Override
      public IndexEntry next() throws IOException {
        try {
          while (it.hasNext()) {
            IndexEntry e = it.next();
            if (!e.isDeleted()) {
              return e;
            }
          }
          return null;
        } catch (java.io.UncheckedIOException ex) {
          throw ex.getCause();
        }
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  /** A pull cursor over entries, see {@link #liveEntries()}. */
  interface EntryCursor extends java.io.Closeable {
    /** The next entry, or null after the last. */
    IndexEntry next() throws IOException;

    @Override
    void close();
  }

  /**
   * Requests, payload bytes and retries this reader has cost so far, when it reads from a remote
   * source ({@link io.easystore.remote.RemoteSources#requestStats}): the container's source
   * (the opening request included) plus every sibling object of external entries opened and
   * closed so far. Empty for local files and memory, which cost no requests.
   */
  default java.util.Optional<io.easystore.io.RequestStats.Snapshot> requestStats() {
    return java.util.Optional.empty();
  }

  /** Counts, sizes and regions. */
  ContainerStats stats();

  /**
   * How the container is encrypted (cipher, key id, whether names are protected), or empty for a
   * plaintext container. Never key material.
   */
  default java.util.Optional<io.easystore.crypto.EncryptionInfo> encryption() {
    return java.util.Optional.empty();
  }

  /**
   * Reads and checks everything: header, every entry's body range and metadata. Structural
   * problems that make the container unreadable still throw; everything else is reported.
   */
  default VerifyReport verify() throws IOException {
    return verify(VerifyListener.NONE);
  }

  /** {@link #verify()}, telling {@code listener} the entry total up front and each entry checked. */
  VerifyReport verify(VerifyListener listener) throws IOException;
}
