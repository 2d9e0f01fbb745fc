package io.easystore.els;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Place markers: an empty file {@code p.HASH} in every directory below the root that binds it to
 * its parent, so a directory moved into another bucket is reported instead of followed
 * (docs/ELS.md). Stateless.
 */
final class Places {
  static final String PREFIX = "p.";

  private Places() {}

  /**
   * The name of the empty file that binds a directory to its place in the store: {@code p.}
   * followed by the hash (as in directory names) of {@code "place:"} and the path of the
   * directory's parent from the root ({@code /} for the root), lower case. A directory moved into
   * another bucket keeps its record and key hash, but not its place (a directory renamed within
   * its bucket is caught by its key). Older stores have no such file, and are not checked.
   */
  static String name(RecordDir records, Path dir) {
    return PREFIX + Names.hash("place:" + records.where(dir.getParent()).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isPlaceName(String name) {
    return name.length() == PREFIX.length() + 32 && name.regionMatches(true, 0, PREFIX, 0, 2);
  }

  /** The place marker of a directory that names another place, or null (right place, or none). */
  static String movedFrom(RecordDir records, Path root, Path dir, Listing l) {
    if (dir.equals(root)) {
      return null;
    }
    String expected = null;
    String other = null;
    for (String f : l.foreign) {
      if (isPlaceName(f)) {
        if (expected == null) {
          expected = name(records, dir);
        }
        if (f.equalsIgnoreCase(expected)) {
          return null;
        }
        other = f;
      }
    }
    return other;
  }

  /** Creates the directory's place marker (removing one naming another place) before a new record. */
  static void ensure(RecordDir records, Path root, Path dir, Listing old) throws IOException {
    if (dir.equals(root)) {
      return;
    }
    String expected = name(records, dir);
    boolean present = false;
    if (old != null) {
      for (String f : old.foreign) {
        if (isPlaceName(f)) {
          if (f.equalsIgnoreCase(expected)) {
            present = true;
          } else {
            Files.deleteIfExists(dir.resolve(f));
          }
        }
      }
    }
    if (!present) {
      try {
        Files.createFile(dir.resolve(expected));
      } catch (java.nio.file.FileAlreadyExistsException ok) {
        // Written by an interrupted earlier attempt: the same place.
      }
    }
  }

}
