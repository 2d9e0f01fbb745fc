package io.easystore.crypto;

/**
 * A sealed block failed authentication and its placement hint names another place: it was moved,
 * swapped with another block or replayed from another container. None of its plaintext is used.
 */
public class BlockMovedException extends AuthenticationFailedException {
  private static final long serialVersionUID = 1L;

  public BlockMovedException(String container, long offset, String entry, String problem) {
    super(container, offset, entry, problem);
  }
}
