package io.easystore.nio;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code basic}, {@code owner} and {@code posix} views of one path, bound lazily: the path is
 * looked up on each call. Only the modification time and the permissions are stored; access and
 * creation times given to {@link #setTimes} are ignored (they always equal the modification time),
 * and owner and group are fixed per file system. Also parses the string forms of
 * {@code Files.readAttributes(path, "posix:*")} and {@code Files.setAttribute}. Thread-safe.
 */
final class DesAttributeView implements PosixFileAttributeView {
  private static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime", "size",
      "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
  private static final List<String> OWNER = List.of("owner");
  private static final List<String> POSIX;

  static {
    List<String> p = new java.util.ArrayList<>(BASIC);
    p.addAll(List.of("permissions", "owner", "group"));
    POSIX = List.copyOf(p);
  }

  static final Set<String> VIEWS = Set.of("basic", "owner", "posix");

  private final String name;
  private final DesPath path;

  DesAttributeView(String name, DesPath path) {
    this.name = name;
    this.path = path;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PosixFileAttributes readAttributes() throws IOException {
    return path.getFileSystem().reads().attributes(path);
  }

  @Override
  public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
    if (lastModifiedTime != null) {
      path.getFileSystem().writes().setLastModifiedTime(path, lastModifiedTime);
    }
  }

  @Override
  public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
    path.getFileSystem().writes().setMode(path, DesAttributes.mode(perms));
  }

  @Override
  public UserPrincipal getOwner() throws IOException {
    return readAttributes().owner();
  }

  @Override
  public void setOwner(UserPrincipal owner) throws IOException {
    throw fixed();
  }

  @Override
  public void setGroup(GroupPrincipal group) throws IOException {
    throw fixed();
  }

  private FileSystemException fixed() {
    path.getFileSystem().ensureOpen(path);
    return new FileSystemException(path.toString(), null,
        "owner and group are the same for every entry of a des file system (options 'owner' and 'group')");
  }

  /** {@code Files.readAttributes(path, "view:a,b")}: a map of the named (or all, {@code *}) attributes. */
  static Map<String, Object> readMap(DesPath path, String spec) throws IOException {
    int colon = spec.indexOf(':');
    String view = colon < 0 ? "basic" : spec.substring(0, colon);
    List<String> known = switch (view) {
      case "basic" -> BASIC;
      case "owner" -> OWNER;
      case "posix" -> POSIX;
      default -> throw new UnsupportedOperationException("attribute view '" + view + "' is not available");
    };
    PosixFileAttributes a = path.getFileSystem().reads().attributes(path);
    Map<String, Object> out = new LinkedHashMap<>();
    // Limit 0 drops trailing empty names ("size,"), as the default file system's views do.
    for (String n : spec.substring(colon + 1).split(",", 0)) {
      if (n.equals("*")) {
        known.forEach(k -> out.put(k, value(a, k)));
      } else if (known.contains(n)) {
        out.put(n, value(a, n));
      } else {
        throw new IllegalArgumentException("'" + n + "' is not an attribute of the " + view + " view");
      }
    }
    return out;
  }

  private static Object value(PosixFileAttributes a, String name) {
    return switch (name) {
      case "lastModifiedTime" -> a.lastModifiedTime();
      case "lastAccessTime" -> a.lastAccessTime();
      case "creationTime" -> a.creationTime();
      case "size" -> a.size();
      case "isRegularFile" -> a.isRegularFile();
      case "isDirectory" -> a.isDirectory();
      case "isSymbolicLink" -> a.isSymbolicLink();
      case "isOther" -> a.isOther();
      case "fileKey" -> a.fileKey();
      case "permissions" -> a.permissions();
      case "owner" -> a.owner();
      case "group" -> a.group();
      default -> throw new IllegalArgumentException("'" + name + "' is not an attribute");
    };
  }

  /** {@code Files.setAttribute(path, "view:name", value)}. */
  @SuppressWarnings("unchecked")
  static void set(DesPath path, String spec, Object value) throws IOException {
    int colon = spec.indexOf(':');
    String view = colon < 0 ? "basic" : spec.substring(0, colon);
    String attr = spec.substring(colon + 1);
    if (!VIEWS.contains(view)) {
      throw new UnsupportedOperationException("attribute view '" + view + "' is not available");
    }
    DesAttributeView v = new DesAttributeView(view, path);
    boolean posix = view.equals("posix");
    switch (attr) {
      case "lastModifiedTime", "lastAccessTime", "creationTime" -> {
        if (view.equals("owner")) {
          throw new IllegalArgumentException("'" + attr + "' is not an attribute of the owner view");
        }
        v.setTimes(attr.equals("lastModifiedTime") ? (FileTime) value : null, null, null);
      }
      case "permissions" -> {
        if (!posix) {
          throw new IllegalArgumentException("'permissions' is an attribute of the posix view");
        }
        v.setPermissions((Set<PosixFilePermission>) value);
      }
      case "owner", "group" -> {
        if (view.equals("basic") || (attr.equals("group") && !posix)) {
          throw new IllegalArgumentException("'" + attr + "' is not an attribute of the " + view + " view");
        }
        throw v.fixed();
      }
      default -> throw new IllegalArgumentException("'" + attr + "' cannot be set in the " + view + " view");
    }
  }
}
