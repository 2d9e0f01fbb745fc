package io.easystore.nio;

import io.easystore.DesReader;
import io.easystore.IndexEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The reading half of a file system: attributes, input streams, read channels, directory streams
 * and access checks, each over a lease on the current state. Streams and channels keep their
 * lease until closed, so later writes never pull the bytes from under them. Messages name the
 * path as the caller gave it. Thread-safe.
 */
final class ReadOps {
  private final DesFileSystem fs;

  ReadOps(DesFileSystem fs) {
    this.fs = fs;
  }

  DesAttributes attributes(DesPath p) throws IOException {
    fs.ensureOpen(p);
    try (View v = fs.backend().view()) {
      return attributes(v.reader(), p);
    }
  }

  /** Attributes of {@code p} in the state {@code r}. */
  DesAttributes attributes(DesReader r, DesPath p) throws IOException {
    String e = p.entryPath();
    if (e.isEmpty()) {
      return DesAttributes.root(fs.defaultTime(), fs.principals());
    }
    IndexEntry entry;
    try {
      entry = r.entry(e);
    } catch (NoSuchFileException notFound) {
      throw new NoSuchFileException(p.toString());
    }
    if (entry.isDeleted()) {
      throw new NoSuchFileException(p.toString());
    }
    return DesAttributes.of(entry, fs.defaultTime(), fs.principals());
  }

  /** Whether {@code p} exists in the state {@code r}. */
  static boolean exists(DesReader r, DesPath p) throws IOException {
    return r.exists(p.entryPath());
  }

  InputStream newInputStream(DesPath p, OpenOption... options) throws IOException {
    for (OpenOption o : options) {
      if (o == StandardOpenOption.APPEND || o == StandardOpenOption.WRITE) {
        throw new UnsupportedOperationException("'" + o + "' not allowed for an input stream");
      }
    }
    fs.ensureOpen(p);
    View v = fs.backend().view();
    try {
      requireFile(v.reader(), p);
      InputStream in = v.reader().openStream(p.entryPath());
      return fs.track(new LeasedStream(in, v));
    } catch (IOException | RuntimeException e) {
      v.close();
      throw e;
    }
  }

  SeekableByteChannel newReadChannel(DesPath p) throws IOException {
    fs.ensureOpen(p);
    View v = fs.backend().view();
    try {
      requireFile(v.reader(), p);
      return fs.track(new LeasedChannel(v.reader().newChannel(p.entryPath()), v));
    } catch (IOException | RuntimeException e) {
      v.close();
      throw e;
    }
  }

  private void requireFile(DesReader r, DesPath p) throws IOException {
    if (attributes(r, p).isDirectory()) {
      throw new FileSystemException(p.toString(), null, "Is a directory");
    }
  }

  DirectoryStream<Path> newDirectoryStream(DesPath dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    fs.ensureOpen(dir);
    View v = fs.backend().view();
    try {
      if (!attributes(v.reader(), dir).isDirectory()) {
        throw new NotDirectoryException(dir.toString());
      }
      return fs.track(new DesDirectoryStream(dir, dir.entryPath(), v, filter, fs));
    } catch (IOException | RuntimeException e) {
      v.close();
      throw e;
    }
  }

  void checkAccess(DesPath p, AccessMode... modes) throws IOException {
    DesAttributes a = attributes(p);
    for (AccessMode m : modes) {
      if (m == AccessMode.WRITE && fs.isReadOnly()) {
        throw new AccessDeniedException(p.toString(), null, "read-only file system");
      }
      if (m == AccessMode.EXECUTE && !a.isDirectory()
          && !a.permissions().contains(PosixFilePermission.OWNER_EXECUTE)) {
        throw new AccessDeniedException(p.toString(), null, "not executable");
      }
    }
  }

  /** An entry's input stream that releases its lease when closed. */
  private final class LeasedStream extends FilterInputStream {
    private final View view;
    private volatile boolean closed;

    LeasedStream(InputStream in, View view) {
      super(in);
      this.view = view;
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("stream closed (or its file system was closed)");
      }
    }

    @Override
    public int read() throws IOException {
      ensureOpen();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      ensureOpen();
      return super.skip(n);
    }

    @Override
    public int available() throws IOException {
      ensureOpen();
      return super.available();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        super.close();
      } finally {
        view.close();
        fs.untrack(this);
      }
    }
  }

  /** A read-only channel that releases its lease when closed. */
  private final class LeasedChannel extends io.easystore.internal.io.ForwardingChannel {
    private final View view;

    LeasedChannel(SeekableByteChannel ch, View view) {
      super(ch);
      this.view = view;
    }

    @Override
    public void close() throws IOException {
      try {
        delegate.close();
      } finally {
        view.close();
        fs.untrack(this);
      }
    }
  }
}
