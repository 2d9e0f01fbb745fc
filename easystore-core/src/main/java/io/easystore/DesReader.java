package io.easystore;

import com.fasterxml.jackson.databind.JsonNode;
import io.easystore.io.RangeSource;
import io.easystore.io.RangeSources;
import io.easystore.read.ContainerReaders;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a DES container. Opening is cheap and structural (the footer and the index bounds);
 * bodies and metadata are read on demand with positional reads, and {@link #verify()} does the
 * full pass.
 *
 * <p>Thread-safe: one open reader serves any number of threads at once, without a global lock.
 * Arrays and streams returned belong to the caller. Missing entries are reported with
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

  /** The container's name (path or URI), as used in messages. */
  String name();

  /** The DES format version of the container. */
  int formatVersion();

  /** Names of live (not deleted) entries, in stored order. */
  List<String> listFiles();

  /** Whether a live entry of this name exists. */
  boolean contains(String name);

  /** The index entry of a live entry. */
  IndexEntry entry(String name) throws IOException;

  /** Every index entry in stored order, deleted ones included. Immutable. */
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

  /** Counts, sizes and regions. */
  ContainerStats stats();

  /**
   * Reads and checks everything: header, every entry's body range and metadata. Structural
   * problems that make the container unreadable still throw; everything else is reported.
   */
  VerifyReport verify() throws IOException;
}
