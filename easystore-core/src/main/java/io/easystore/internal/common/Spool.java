package io.easystore.internal.common;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An append-only byte sequence that lives in memory up to a limit and moves to a temporary file
 * beyond it: metadata waiting for its region, child references waiting for their level, sort
 * runs. Not thread-safe. {@link #close()} deletes the file, if any.
 */
public final class Spool implements Closeable {
  private final Path tempDir;
  private final String prefix;
  private final int memoryLimit;
  private byte[] memory = new byte[256];
  private int memorySize;
  private Path file;
  private OutputStream out;
  private long size;

  /** @param tempDir where to spill; null for java.io.tmpdir */
  public Spool(Path tempDir, String prefix, int memoryLimit) {
    this.tempDir = tempDir;
    this.prefix = prefix;
    this.memoryLimit = memoryLimit;
  }

  public long size() {
    return size;
  }

  public void write(byte[] b, int off, int len) throws IOException {
    if (out == null && memorySize + (long) len <= memoryLimit) {
      if (memory.length - memorySize < len) {
        memory = java.util.Arrays.copyOf(memory, (int) Math.min(memoryLimit,
            Math.max(memory.length * 2L, memorySize + (long) len)));
      }
      System.arraycopy(b, off, memory, memorySize, len);
      memorySize += len;
    } else {
      if (out == null) {
        file = io.easystore.internal.io.TempFiles.createScratch(tempDir, prefix, ".spool");
        out = new BufferedOutputStream(Files.newOutputStream(file), 64 << 10);
        out.write(memory, 0, memorySize);
        memory = null;
      }
      out.write(b, off, len);
    }
    size += len;
  }

  /** Finishes writing; the spool can then be read any number of times. */
  public void finishWriting() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  /** A stream over everything written; call {@link #finishWriting()} first. */
  public InputStream open() throws IOException {
    if (file == null) {
      return new ByteArrayInputStream(memory, 0, memorySize);
    }
    return new BufferedInputStream(Files.newInputStream(file), 64 << 10);
  }

  @Override
  public void close() throws IOException {
    try {
      if (out != null) {
        out.close();
      }
    } finally {
      out = null;
      memory = null;
      if (file != null) {
        io.easystore.internal.io.TempFiles.discard(file);
        file = null;
      }
    }
  }
}
