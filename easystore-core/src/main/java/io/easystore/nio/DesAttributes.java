package io.easystore.nio;

import io.easystore.EntryAttributes;
import io.easystore.IndexEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Basic and POSIX attributes of one entry, read once from its index entry. The modification time
 * is the entry's mtime; entries without one (every v1 entry, the root) report the file system's
 * default time (the container file's modification time when the file system was opened, else the
 * epoch). Access and creation times equal the modification time: a container keeps only one.
 * Permissions come from the entry's mode, or 0755 for directories and 0644 for files that have
 * none. Immutable and thread-safe.
 */
final class DesAttributes implements PosixFileAttributes {
  private static final int DEFAULT_DIR_MODE = 0755;
  private static final int DEFAULT_FILE_MODE = 0644;
  /** Mode bit 8 down to bit 0. */
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

  private final boolean directory;
  private final long size;
  private final FileTime mtime;
  private final int mode;
  private final Principals principals;

  private DesAttributes(boolean directory, long size, FileTime mtime, int mode, Principals principals) {
    this.directory = directory;
    this.size = size;
    this.mtime = mtime;
    this.mode = mode;
    this.principals = principals;
  }

  static DesAttributes root(FileTime defaultTime, Principals principals) {
    return new DesAttributes(true, 0, defaultTime, DEFAULT_DIR_MODE, principals);
  }

  static DesAttributes of(IndexEntry e, FileTime defaultTime, Principals principals) {
    boolean dir = e.isDirectory();
    FileTime t = e.mtimeMillis() == EntryAttributes.NO_MTIME ? defaultTime : FileTime.fromMillis(e.mtimeMillis());
    int m = e.mode() != EntryAttributes.NO_MODE ? e.mode() : dir ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE;
    return new DesAttributes(dir, dir ? 0 : e.size(), t, m, principals);
  }

  /** The permission bits 0..0777 of a permission set. */
  static int mode(Set<PosixFilePermission> perms) {
    int m = 0;
    for (int i = 0; i < BITS.length; i++) {
      if (perms.contains(BITS[i])) {
        m |= 1 << (8 - i);
      }
    }
    return m;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & 1 << (8 - i)) != 0) {
        out.add(BITS[i]);
      }
    }
    return out;
  }

  /**
   * The mode given by {@code posix:permissions} among the attributes of a create call, or
   * {@link EntryAttributes#NO_MODE}.
   *
   * @throws UnsupportedOperationException for any other attribute, which cannot be set on creation
   */
  @SuppressWarnings("unchecked")
  static int initialMode(FileAttribute<?>... attrs) {
    int mode = EntryAttributes.NO_MODE;
    for (FileAttribute<?> a : attrs) {
      if (!a.name().equals("posix:permissions") && !a.name().equals("unix:permissions")) {
        throw new UnsupportedOperationException("'" + a.name() + "' cannot be set when creating a file;"
            + " only posix:permissions can");
      }
      mode = mode((Set<PosixFilePermission>) a.value());
    }
    return mode;
  }

  int mode() {
    return mode;
  }

  @Override
  public FileTime lastModifiedTime() {
    return mtime;
  }

  @Override
  public FileTime lastAccessTime() {
    return mtime;
  }

  @Override
  public FileTime creationTime() {
    return mtime;
  }

  @Override
  public boolean isRegularFile() {
    return !directory;
  }

  @Override
  public boolean isDirectory() {
    return directory;
  }

  @Override
  public boolean isSymbolicLink() {
    return false;
  }

  @Override
  public boolean isOther() {
    return false;
  }

  @Override
  public long size() {
    return size;
  }

  /** None: entries have no identity beyond their path, which {@code isSameFile} compares. */
  @Override
  public Object fileKey() {
    return null;
  }

  @Override
  public UserPrincipal owner() {
    return principals.owner();
  }

  @Override
  public GroupPrincipal group() {
    return principals.group();
  }

  @Override
  public Set<PosixFilePermission> permissions() {
    return permissions(mode);
  }
}
