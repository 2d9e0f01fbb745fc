package io.easystore.tree;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * A read-only tree of directories and files, backed by a real directory or by a container (DES
 * v2 with directories, DES v1 as one flat directory, or a FilePacker {@code .fpack}); code that
 * reads through this interface does not change when a directory is replaced by a container. Open
 * one with {@link FileTrees#open(java.nio.file.Path)}.
 *
 * <p>Paths are relative, {@code /}-separated, and name a file or directory below the root; the
 * root itself is {@code ""} (or {@code "."}); one trailing {@code /} is ignored. Absolute paths and
 * {@code .}, {@code ..} or empty segments are refused with {@link IllegalArgumentException}, so a
 * path can never leave the tree. The tree holds only files and directories: on a real directory,
 * symbolic links are followed, and sockets, devices, FIFOs and broken links are not listed.
 *
 * <p>Every backend behaves the same: listings are sorted by the UTF-8 bytes of the names (code
 * point order); a missing path gives {@link java.nio.file.NoSuchFileException}; listing a file
 * gives {@link java.nio.file.NotDirectoryException}; reading a directory gives a
 * {@link java.nio.file.FileSystemException} saying it is a directory.
 *
 * <p>Thread-safe: one open tree serves any number of threads at once without a global lock, and
 * any number of processes may open the same container. Streams and channels it returns belong to
 * the caller (each is for one thread); arrays returned are the caller's.
 */
public interface FileTree extends Closeable {

  /** The directory or container this tree reads, for messages. */
  String name();

  /** The names of the files and directories directly inside {@code dir}, sorted. */
  List<String> list(String dir) throws IOException;

  /**
   * Walks {@code dir} top-down like Python's {@code os.walk}: one {@link WalkEntry} per directory
   * (the directory, then each subdirectory's walk in order), names sorted. The stream is lazy and
   * must be closed; I/O problems met while walking surface as
   * {@link java.io.UncheckedIOException}. A directory reached again through a symbolic link loop is
   * left out.
   */
  default Stream<WalkEntry> walk(String dir) throws IOException {
    return walk(dir, true);
  }

  /**
   * {@link #walk(String)}, with names in the order the backend yields them when {@code sorted}
   * is false (containers always yield them sorted; a directory yields them in its own order,
   * which saves sorting very large directories).
   */
  Stream<WalkEntry> walk(String dir, boolean sorted) throws IOException;

  /** Whether a file or directory exists at {@code path}. */
  boolean exists(String path) throws IOException;

  /** Whether {@code path} is a directory. */
  boolean isDirectory(String path) throws IOException;

  /** Whether {@code path} is a file. */
  boolean isFile(String path) throws IOException;

  /** The length of a file in bytes. */
  long size(String path) throws IOException;

  /** A stream over a file's bytes, read in chunks as it is consumed. */
  InputStream open(String path) throws IOException;

  /** A read-only channel over a file's bytes, with free positioning. */
  SeekableByteChannel newChannel(String path) throws IOException;

  /** The whole file. */
  byte[] readAllBytes(String path) throws IOException;

  /**
   * Names of entries that this tree cannot address and therefore does not list: DES v1 and
   * FilePacker names are not validated as paths, and a name with a NUL, a {@code .} or {@code ..}
   * segment (such as {@code ../x}) or an empty segment would, as a tree path, be refused or name
   * another entry or the root. Listings and walks leave these out, so every listed name can be
   * read; this reports them (raw, in stored order, each once) so that a copy can say what it left
   * behind. Empty for directories and DES v2 (whose paths are always valid). May read the whole
   * index.
   */
  default List<String> unaddressable() throws IOException {
    return List.of();
  }

  /** The whole file decoded with {@code charset} (malformed input is replaced, as in {@code new String}). */
  default String readString(String path, Charset charset) throws IOException {
    return new String(readAllBytes(path), charset);
  }

  /** The whole file as UTF-8. */
  default String readString(String path) throws IOException {
    return readString(path, StandardCharsets.UTF_8);
  }
}
