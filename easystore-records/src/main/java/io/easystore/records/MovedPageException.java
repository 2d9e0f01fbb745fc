package io.easystore.records;

/**
 * An unsealed page whose intact header records another offset: it was moved, swapped or copied.
 * Kept apart from other damage because a crash cannot produce it, so it is never a torn tail.
 */
final class MovedPageException extends CorruptPageException {
  private static final long serialVersionUID = 1L;

  MovedPageException(String archive, long pageOffset, String problem) {
    super(archive, pageOffset, null, NONE, problem, null);
  }
}
