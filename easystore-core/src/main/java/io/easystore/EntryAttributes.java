package io.easystore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Optional file-system attributes of an entry, stored by DES v2 (v1 has no place for them and
 * ignores them). Immutable.
 *
 * @param mtimeMillis modification time in milliseconds since the epoch, or {@link #NO_MTIME}
 * @param mode POSIX permission bits (0 to 07777), or {@link #NO_MODE}
 */
public record EntryAttributes(long mtimeMillis, int mode) {
  /** Marks an absent modification time. */
  public static final long NO_MTIME = Long.MIN_VALUE;
  /** Marks an absent mode. */
  public static final int NO_MODE = -1;
  /** No attributes at all. */
  public static final EntryAttributes NONE = new EntryAttributes(NO_MTIME, NO_MODE);

  public EntryAttributes {
    if (mode != NO_MODE && (mode < 0 || mode > 07777)) {
      throw new IllegalArgumentException("mode must be within 0..07777 (octal), got 0" + Integer.toOctalString(mode));
    }
  }

  public boolean hasMtime() {
    return mtimeMillis != NO_MTIME;
  }

  public boolean hasMode() {
    return mode != NO_MODE;
  }

  /**
   * The modification time and, where the file system has them, the POSIX permissions of a local
   * file or directory (symbolic links are followed).
   */
  public static EntryAttributes of(Path file) throws IOException {
    long mtime = Files.getLastModifiedTime(file).toMillis();
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return new EntryAttributes(mtime, NO_MODE);
    }
    // PosixFilePermissions.toString spells owner rwx, group rwx, others rwx: bit 8 down to bit 0.
    String rwx = PosixFilePermissions.toString(view.readAttributes().permissions());
    int mode = 0;
    for (int i = 0; i < 9; i++) {
      if (rwx.charAt(i) != '-') {
        mode |= 1 << (8 - i);
      }
    }
    return new EntryAttributes(mtime, mode);
  }
}
