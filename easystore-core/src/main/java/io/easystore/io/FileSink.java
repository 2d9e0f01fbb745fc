package io.easystore.io;

import io.easystore.internal.io.AtomicFiles;
import io.easystore.internal.io.TempFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes to a hidden temporary file beside the target and publishes it on {@link #publish()} by the
 * one durability rule of {@link AtomicFiles#publish} (fsync, atomic rename, directory fsync), so
 * readers see either the old file or the whole new one, and a published file survives a crash.
 */
final class FileSink implements ContainerSink {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private long position;
  private boolean published;
  private boolean closed;
  private final java.util.List<FileSink> siblings = new java.util.ArrayList<>();
  private FileSink parent;

  FileSink(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    // TempFiles: the same mode as any new file (not createTempFile's 0600), deleted on Ctrl-C.
    Path candidate = TempFiles.createBeside(this.target);
    FileChannel opened;
    try {
      opened = FileChannel.open(candidate, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(candidate);
      throw e;
    }
    this.temp = candidate;
    this.channel = opened;
  }

  @Override
  public String name() {
    return target.toString();
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    ensureOpen();
    while (src.hasRemaining()) {
      position += channel.write(src);
    }
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public String siblingBaseName() {
    return target.getFileName().toString();
  }

  @Override
  public ContainerSink sibling(String relativeKey) throws IOException {
    ensureOpen();
    FileSink s = new FileSink(RangeSources.siblingPath(target, relativeKey));
    s.parent = this;
    siblings.add(s);
    return s;
  }

  @Override
  public void publish() throws IOException {
    ensureOpen();
    channel.close();
    if (parent != null) {
      // A published external body stays this process's until its container is published too.
      TempFiles.register(target);
    }
    TempFiles.moveIntoPlace(temp, target);
    published = true;
    closed = true;
    for (FileSink s : siblings) {
      TempFiles.forget(s.target);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(target + ": sink already " + (published ? "published" : "closed"));
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } finally {
      try {
        TempFiles.discard(temp);
      } finally {
        removeSiblings();
      }
    }
  }

  /** Deletes the siblings of a container that was not published, and the directories made for them. */
  private void removeSiblings() throws IOException {
    Path dir = target.getParent();
    IOException first = null;
    for (FileSink s : siblings) {
      try {
        s.close();
        TempFiles.discard(s.target);
        for (Path p = s.target.getParent(); p != null && p.startsWith(dir) && !p.equals(dir); p = p.getParent()) {
          if (!deleteIfEmpty(p)) {
            break;
          }
        }
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    siblings.clear();
    if (first != null) {
      throw first;
    }
  }

  private static boolean deleteIfEmpty(Path p) throws IOException {
    try {
      return Files.deleteIfExists(p);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // Another container's siblings (or the user's files) live there too: keep it.
      return false;
    }
  }
}
