package io.easystore.records;

import io.easystore.CorruptContainerException;

/**
 * A page or record of a record archive is unreadable. The message names the archive, the page
 * offset and, when the problem is one record, its bookmark. When the reader looked past the damage,
 * {@link #nextValidPage()} says where intact pages resume (readers in skip mode continue there).
 */
public class CorruptPageException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  /** {@link #nextValidPage()} when no later intact page is known. */
  public static final long NONE = -1;

  private final long pageOffset;
  private final transient Bookmark bookmark;
  private final long nextValidPage;

  public CorruptPageException(String archive, long pageOffset, Bookmark bookmark, long nextValidPage,
      String problem, Throwable cause) {
    super(archive, pageOffset, bookmark == null ? null : "record " + bookmark, oneLine(problem)
        + (nextValidPage >= 0 ? "; intact pages resume at offset " + nextValidPage : ""), cause);
    this.pageOffset = pageOffset;
    this.bookmark = bookmark;
    this.nextValidPage = nextValidPage;
  }

  /** Parser messages (Jackson's) span lines; messages here stay on one. */
  static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
  }

  /** The offset of the damaged page (or where a page was expected). */
  public long pageOffset() {
    return pageOffset;
  }

  /** The damaged record, or {@code null} when the whole page is unreadable. */
  public Bookmark bookmark() {
    return bookmark;
  }

  /** Where the next intact page starts, or {@link #NONE}. */
  public long nextValidPage() {
    return nextValidPage;
  }
}
