package io.easystore.internal.common;

import io.easystore.CorruptContainerException;
import io.easystore.IndexEntry;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes and checks the stored bodies of one container format (the v2 reader implements it), so
 * the shared channel and external-body plumbing need not know the format. Implementations are
 * thread-safe; returned streams belong to the caller.
 */
public interface BodyDecoder {
  /** Throws the typed reason why {@code e}'s body cannot be read (a missing key), if any. */
  void checkReadable(IndexEntry e) throws IOException;

  /** The original bytes of {@code e}, decompressed (and opened) but not checked. */
  InputStream stream(IndexEntry e) throws IOException;

  /** The original bytes of {@code e}; with {@code verify}, checked against its checksum at the end. */
  InputStream stream(IndexEntry e, boolean verify) throws IOException;

  /** Checks {@code actual}, the checksum computed over {@code e}'s original bytes. */
  void verify(IndexEntry e, long actual) throws CorruptContainerException;
}
