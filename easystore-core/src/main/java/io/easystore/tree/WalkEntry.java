package io.easystore.tree;

import java.util.List;
import java.util.Objects;

/**
 * One step of {@link FileTree#walk}: a directory and the names of what it holds, as Python's
 * {@code os.walk} yields {@code (dirpath, dirnames, filenames)}. Immutable.
 *
 * @param path the directory ({@code ""} for the root)
 * @param directories names of its subdirectories
 * @param files names of its files
 */
public record WalkEntry(String path, List<String> directories, List<String> files) {
  public WalkEntry {
    Objects.requireNonNull(path, "path");
    directories = List.copyOf(directories);
    files = List.copyOf(files);
  }

  /** The path of a child of this directory. */
  public String resolve(String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
