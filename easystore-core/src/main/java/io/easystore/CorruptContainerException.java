package io.easystore;

import java.io.IOException;

/**
 * A container, archive or pack whose bytes do not follow its format: bad magic, a region or entry
 * outside the file, an impossible count, invalid UTF-8, a checksum mismatch.
 *
 * <p>The message always names the container, the byte offset where the problem was found and,
 * when known, the entry. Readers throw this (or a subclass) for every kind of bad input, never a
 * raw runtime exception.
 */
public class CorruptContainerException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Offset value used when a problem is not tied to one byte position. */
  public static final long NO_OFFSET = -1;

  private final String container;
  private final long offset;
  private final String entry;

  public CorruptContainerException(String container, long offset, String entry, String problem) {
    this(container, offset, entry, problem, null);
  }

  public CorruptContainerException(
      String container, long offset, String entry, String problem, Throwable cause) {
    super(format(container, offset, entry, problem), cause);
    this.container = container;
    this.offset = offset;
    this.entry = entry;
  }

  /** "container @ offset N [entry 'e']: problem", shared with the sibling exceptions that are not damage. */
  static String format(String container, long offset, String entry, String problem) {
    StringBuilder sb = new StringBuilder(container);
    if (offset != NO_OFFSET) {
      sb.append(" @ offset ").append(offset);
    }
    if (entry != null) {
      sb.append(" [entry '").append(printable(entry)).append("']");
    }
    return sb.append(": ").append(problem).toString();
  }

  /** Keeps messages on one line and bounded even for hostile names. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && sb.length() < 200; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (sb.length() < s.length()) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** The container's name as given by its source (path, URL or object key). */
  public String container() {
    return container;
  }

  /** The byte offset of the problem, or {@link #NO_OFFSET}. */
  public long offset() {
    return offset;
  }

  /** The entry concerned, or {@code null} when the problem is not tied to one entry. */
  public String entry() {
    return entry;
  }
}
