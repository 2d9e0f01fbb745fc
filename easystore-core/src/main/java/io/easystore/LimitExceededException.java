package io.easystore;

import java.io.IOException;

/**
 * A container that may be valid but asks for more than the configured limits allow (entries,
 * name length, index size, metadata size, decompressed size). The message names the limit and the
 * option or system property that raises it.
 *
 * <p>Not a {@link CorruptContainerException}: the file is not known to be damaged, so a caller that
 * quarantines damaged files must not quarantine this one (raise the limit instead). Immutable.
 */
public class LimitExceededException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String container;
  private final long offset;
  private final String entry;

  public LimitExceededException(
      String container, long offset, String entry, String what, long found, long limit, String howToRaise) {
    super(CorruptContainerException.format(container, offset, entry, what + " is " + found
        + ", above the limit of " + limit + " (raise it with " + howToRaise + ")"));
    this.container = container;
    this.offset = offset;
    this.entry = entry;
  }

  /** The container's name as given by its source (path, URL or object key). */
  public String container() {
    return container;
  }

  /** The byte offset of the field that asked for too much, or {@link CorruptContainerException#NO_OFFSET}. */
  public long offset() {
    return offset;
  }

  /** The entry concerned, or {@code null} when the limit is not tied to one entry. */
  public String entry() {
    return entry;
  }
}
