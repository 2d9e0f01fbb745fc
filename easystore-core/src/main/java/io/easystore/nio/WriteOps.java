package io.easystore.nio;

import io.easystore.DesReader;
import io.easystore.EntryAttributes;
import io.easystore.internal.v2.V2Paths;
import io.easystore.mutate.DesUpdater;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The writing half of a file system, over {@link DesUpdater}: each change checks the NIO
 * preconditions (parent exists, target absent or replaceable, directory empty) against the current
 * state and applies the change under one lock, so checks and change are atomic with respect to
 * other changes through this file system. Bodies written through channels are buffered in a
 * temporary file (memory stays bounded) and put when the channel closes. Thread-safe.
 */
final class WriteOps {
  private final DesFileSystem fs;

  WriteOps(DesFileSystem fs) {
    this.fs = fs;
  }

  SeekableByteChannel newWriteChannel(DesPath p, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    fs.checkWritable(p);
    boolean append = options.contains(StandardOpenOption.APPEND);
    boolean truncate = options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    if (append && (options.contains(StandardOpenOption.READ) || truncate)) {
      throw new IllegalArgumentException("APPEND is not allowed with READ or TRUNCATE_EXISTING");
    }
    int initialMode = DesAttributes.initialMode(attrs);
    String e = p.entryPath();
    Path temp;
    ObjectNode meta;
    int mode;
    try (View v = fs.backend().view()) {
      DesReader r = v.reader();
      boolean exists = r.exists(e);
      if (exists && r.isDirectory(e)) {
        throw new FileSystemException(p.toString(), null, "Is a directory");
      }
      if (exists && options.contains(StandardOpenOption.CREATE_NEW)) {
        throw new FileAlreadyExistsException(p.toString());
      }
      if (!exists) {
        if (!options.contains(StandardOpenOption.CREATE) && !options.contains(StandardOpenOption.CREATE_NEW)) {
          throw new NoSuchFileException(p.toString());
        }
        checkParent(r, p, e);
        validName(p, e);
      }
      meta = exists ? userMeta(r, e) : null;
      mode = exists ? r.entry(e).mode() : initialMode;
      temp = io.easystore.internal.io.TempFiles.createScratch(fs.options().tempDir() == null ? defaultTemp()
          : fs.options().tempDir(), "des-nio-", ".tmp");
      try {
        if (exists && !truncate) {
          try (InputStream in = r.openStream(e)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException | RuntimeException x) {
        io.easystore.internal.io.TempFiles.discard(temp);
        throw x;
      }
    }
    Set<OpenOption> tempOptions = new HashSet<>();
    tempOptions.add(StandardOpenOption.WRITE);
    tempOptions.add(append ? StandardOpenOption.APPEND : StandardOpenOption.READ);
    FileChannel ch;
    try {
      ch = FileChannel.open(temp, tempOptions);
    } catch (IOException | RuntimeException x) {
      io.easystore.internal.io.TempFiles.discard(temp);
      throw x;
    }
    EntryAttributes attributes = new EntryAttributes(System.currentTimeMillis(), mode);
    return fs.track(new WriteChannel(ch, temp, fs, body -> fs.backend().mutate((u, r) -> {
      checkParent(r, p, e);
      try (InputStream in = Files.newInputStream(body)) {
        u.put(e, in, meta, attributes);
      }
      return null;
    })));
  }

  private static Path defaultTemp() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  void createDirectory(DesPath dir, FileAttribute<?>... attrs) throws IOException {
    fs.checkWritable(dir);
    int mode = DesAttributes.initialMode(attrs);
    String e = dir.entryPath();
    fs.backend().mutate((u, r) -> {
      if (r.exists(e)) {
        throw new FileAlreadyExistsException(dir.toString());
      }
      checkParent(r, dir, e);
      validName(dir, e);
      u.createDirectory(e, new EntryAttributes(System.currentTimeMillis(), mode));
      return null;
    });
  }

  void delete(DesPath p) throws IOException {
    fs.checkWritable(p);
    String e = p.entryPath();
    fs.backend().mutate((u, r) -> {
      deleteExisting(u, r, p, e);
      return null;
    });
  }

  private static void deleteExisting(DesUpdater u, DesReader r, DesPath p, String e) throws IOException {
    if (e.isEmpty()) {
      throw new FileSystemException(p.toString(), null, "the root directory cannot be deleted");
    }
    if (!r.exists(e)) {
      throw new NoSuchFileException(p.toString());
    }
    if (r.isDirectory(e) && !r.list(e, null, 1).isEmpty()) {
      throw new DirectoryNotEmptyException(p.toString());
    }
    u.delete(e);
  }

  /** Copies within this file system. */
  void copy(DesPath src, DesPath tgt, CopyOption... options) throws IOException {
    fs.checkWritable(tgt);
    Set<CopyOption> opts = options(false, options);
    String se = src.entryPath();
    String te = tgt.entryPath();
    fs.backend().mutate((u, r) -> {
      DesAttributes a = fs.reads().attributes(r, src);
      if (se.equals(te)) {
        return null;
      }
      clearTarget(u, r, tgt, te, opts.contains(StandardCopyOption.REPLACE_EXISTING));
      long mtime = opts.contains(StandardCopyOption.COPY_ATTRIBUTES)
          ? a.lastModifiedTime().toMillis() : System.currentTimeMillis();
      EntryAttributes attrs = new EntryAttributes(mtime, a.mode());
      if (a.isDirectory()) {
        u.createDirectory(te, attrs);
      } else {
        try (InputStream in = r.openStream(se)) {
          u.put(te, in, userMeta(r, se), attrs);
        }
      }
      return null;
    });
  }

  /** Moves within this file system: a rename, which moves a directory with everything below it. */
  void move(DesPath src, DesPath tgt, CopyOption... options) throws IOException {
    fs.checkWritable(src);
    Set<CopyOption> opts = options(true, options);
    String se = src.entryPath();
    String te = tgt.entryPath();
    fs.backend().mutate((u, r) -> {
      fs.reads().attributes(r, src);
      if (se.equals(te)) {
        return null;
      }
      if (se.isEmpty()) {
        throw new FileSystemException(src.toString(), tgt.toString(), "the root directory cannot be moved");
      }
      if (te.startsWith(se + "/")) {
        throw new FileSystemException(src.toString(), tgt.toString(), "cannot move a directory into itself");
      }
      clearTarget(u, r, tgt, te, opts.contains(StandardCopyOption.REPLACE_EXISTING));
      u.rename(se, te, false);
      return null;
    });
  }

  /** Makes room for a copy or move: fails if the target exists (unless replacing) or its parent does not. */
  private static void clearTarget(DesUpdater u, DesReader r, DesPath tgt, String te, boolean replace)
      throws IOException {
    if (r.exists(te)) {
      if (!replace) {
        throw new FileAlreadyExistsException(tgt.toString());
      }
      deleteExisting(u, r, tgt, te);
    } else {
      checkParent(r, tgt, te);
      validName(tgt, te);
    }
  }

  static Set<CopyOption> options(boolean move, CopyOption... options) {
    Set<CopyOption> out = new HashSet<>();
    for (CopyOption o : options) {
      if (o == StandardCopyOption.REPLACE_EXISTING || o == StandardCopyOption.COPY_ATTRIBUTES
          || o == LinkOption.NOFOLLOW_LINKS || (move && o == StandardCopyOption.ATOMIC_MOVE)) {
        out.add(o);
      } else {
        throw new UnsupportedOperationException("unsupported " + (move ? "move" : "copy") + " option " + o);
      }
    }
    return out;
  }

  void setLastModifiedTime(DesPath p, FileTime time) throws IOException {
    fs.checkWritable(p);
    String e = rootRefused(p);
    fs.backend().mutate((u, r) -> {
      int mode = existing(r, p, e).mode();
      u.setAttributes(e, new EntryAttributes(time.toMillis(), mode));
      return null;
    });
  }

  void setMode(DesPath p, int mode) throws IOException {
    fs.checkWritable(p);
    String e = rootRefused(p);
    fs.backend().mutate((u, r) -> {
      long mtime = existing(r, p, e).mtimeMillis();
      u.setAttributes(e, new EntryAttributes(mtime, mode));
      return null;
    });
  }

  private static String rootRefused(DesPath p) throws FileSystemException {
    String e = p.entryPath();
    if (e.isEmpty()) {
      throw new FileSystemException(p.toString(), null, "the root directory has no stored attributes");
    }
    return e;
  }

  private static io.easystore.IndexEntry existing(DesReader r, DesPath p, String e) throws IOException {
    if (!r.exists(e)) {
      throw new NoSuchFileException(p.toString());
    }
    return r.entry(e);
  }

  private static void checkParent(DesReader r, DesPath p, String e) throws IOException {
    String parent = V2Paths.parent(e);
    if (parent.isEmpty()) {
      return;
    }
    if (!r.exists(parent)) {
      throw new NoSuchFileException(p.toString(), null, "parent directory does not exist");
    }
    if (!r.isDirectory(parent)) {
      throw new FileSystemException(p.toString(), null, "Not a directory");
    }
  }

  private static void validName(DesPath p, String e) throws FileSystemException {
    try {
      V2Paths.validate(e);
    } catch (IllegalArgumentException bad) {
      throw new FileSystemException(p.toString(), null, bad.getMessage());
    }
  }

  /** The entry's metadata without the {@code size} the reader adds, or null when nothing is left. */
  private static ObjectNode userMeta(DesReader r, String e) throws IOException {
    JsonNode m = r.getMeta(e);
    if (!(m instanceof ObjectNode o)) {
      return null;
    }
    ObjectNode copy = o.deepCopy();
    copy.remove("size");
    return copy.isEmpty() ? null : copy;
  }
}
