package io.easystore;

/**
 * A container that may be valid but asks for more than the configured limits allow (entries,
 * name length, index size, metadata size, decompressed size). The message names the limit and the
 * option or system property that raises it.
 */
public class LimitExceededException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  public LimitExceededException(
      String container, long offset, String entry, String what, long found, long limit, String howToRaise) {
    super(container, offset, entry, what + " is " + found + ", above the limit of " + limit
        + " (raise it with " + howToRaise + ")");
  }
}
