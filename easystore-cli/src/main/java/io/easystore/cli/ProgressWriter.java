package io.easystore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.easystore.DesWriter;
import io.easystore.EntryAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A writer that moves a progress bar one step per file added. Not thread-safe, like the writer it wraps. */
final class ProgressWriter implements DesWriter {
  private final DesWriter w;
  private final Progress progress;

  ProgressWriter(DesWriter w, Progress progress) {
    this.w = w;
    this.progress = progress;
  }

  @Override
  public void addFile(String name, byte[] body, ObjectNode meta) throws IOException {
    w.addFile(name, body, meta);
    progress.step(1);
  }

  @Override
  public void addFile(String name, InputStream body, ObjectNode meta) throws IOException {
    w.addFile(name, body, meta);
    progress.step(1);
  }

  @Override
  public void addFile(String name, Path file, ObjectNode meta) throws IOException {
    w.addFile(name, file, meta);
    progress.step(1);
  }

  @Override
  public void addFile(String name, byte[] body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    w.addFile(name, body, meta, attributes);
    progress.step(1);
  }

  @Override
  public void addFile(String name, InputStream body, ObjectNode meta, EntryAttributes attributes) throws IOException {
    w.addFile(name, body, meta, attributes);
    progress.step(1);
  }

  @Override
  public void addFile(String name, Path file, ObjectNode meta, EntryAttributes attributes) throws IOException {
    w.addFile(name, file, meta, attributes);
    progress.step(1);
  }

  @Override
  public void addDirectory(String path, EntryAttributes attributes) throws IOException {
    w.addDirectory(path, attributes);
  }

  @Override
  public int formatVersion() {
    return w.formatVersion();
  }

  @Override
  public long count() {
    return w.count();
  }

  @Override
  public long bytesWritten() {
    return w.bytesWritten();
  }

  @Override
  public void abort() throws IOException {
    w.abort();
  }

  @Override
  public void close() throws IOException {
    w.close();
  }
}
