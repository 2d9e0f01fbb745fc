package io.easystore.nio;

import io.easystore.IndexEntry;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The children of one directory, read a page at a time from the state leased when the stream was
 * opened (so memory stays bounded and changes made while iterating are not seen). Entries come in
 * index order: by the UTF-8 bytes of their names. Like every directory stream, it is iterated
 * once, by one thread; after {@link #close()} the iterator ends.
 */
final class DesDirectoryStream implements DirectoryStream<Path> {
  static final int PAGE = 512;

  private final DesPath dir;
  private final String entryDir;
  private final View view;
  private final Filter<? super Path> filter;
  private final DesFileSystem fs;
  private boolean iterated;
  private volatile boolean closed;

  DesDirectoryStream(DesPath dir, String entryDir, View view, Filter<? super Path> filter, DesFileSystem fs) {
    this.dir = dir;
    this.entryDir = entryDir;
    this.view = view;
    this.filter = filter;
    this.fs = fs;
  }

  @Override
  public synchronized Iterator<Path> iterator() {
    if (closed) {
      throw new IllegalStateException("directory stream of " + dir + " is closed");
    }
    if (iterated) {
      throw new IllegalStateException("directory stream of " + dir + " is iterated once only");
    }
    iterated = true;
    return new Pages();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      view.close();
      fs.untrack(this);
    }
  }

  private final class Pages implements Iterator<Path> {
    private final ArrayDeque<Path> ready = new ArrayDeque<>();
    private String after;
    private boolean exhausted;

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && !exhausted && !closed) {
        fill();
      }
      return !ready.isEmpty() && !closed;
    }

    private void fill() {
      try {
        List<IndexEntry> page = view.reader().list(entryDir, after, PAGE);
        exhausted = page.size() < PAGE;
        for (IndexEntry e : page) {
          after = e.baseName();
          if (!addressable(e.baseName())) {
            // A v1 name no path can name (NUL, ".", "..", empty): listing it would hand out a
            // path that cannot be opened, so it is left out, as FileTrees do.
            continue;
          }
          Path child = dir.resolve(e.baseName());
          if (filter == null || filter.accept(child)) {
            ready.add(child);
          }
        }
      } catch (IOException e) {
        throw new DirectoryIteratorException(e);
      }
    }

    private boolean addressable(String base) {
      return !base.isEmpty() && !base.equals(".") && !base.equals("..") && base.indexOf('\0') < 0
          && base.indexOf('/') < 0;
    }

    @Override
    public Path next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }
}
