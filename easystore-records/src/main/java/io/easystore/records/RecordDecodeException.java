package io.easystore.records;

import java.io.IOException;

/**
 * An intact record (its page passed its checksums and, when sealed, authentication) that the
 * caller's {@link RecordType} cannot decode: JSON asked of plain text, a class that does not match
 * the record's fields, malformed UTF-8 asked as text, or the type's own decoder failing. This is a
 * mismatch between the archive and the reader, not damage, so it is deliberately not a
 * {@link CorruptPageException}: readers that skip damaged pages never skip it, and the archive
 * stays readable with another type (such as {@link RecordTypes#bytes()}).
 *
 * <p>The message names the archive, the page offset and the record's bookmark; the decoder's
 * exception is the cause. Immutable.
 */
public class RecordDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String archive;
  private final long pageOffset;
  private final transient Bookmark bookmark;

  public RecordDecodeException(String archive, Bookmark bookmark, String problem, Throwable cause) {
    super(archive + " @ offset " + bookmark.pageOffset() + " [record " + bookmark + "]: record cannot be decoded"
        + " by the requested record type (the page is intact): " + CorruptPageException.oneLine(problem), cause);
    this.archive = archive;
    this.pageOffset = bookmark.pageOffset();
    this.bookmark = bookmark;
  }

  /** The archive's name (path or source name). */
  public String archive() {
    return archive;
  }

  /** The offset of the record's page. */
  public long pageOffset() {
    return pageOffset;
  }

  /** The record that could not be decoded. */
  public Bookmark bookmark() {
    return bookmark;
  }
}
