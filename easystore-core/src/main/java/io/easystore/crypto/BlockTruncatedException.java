package io.easystore.crypto;

/**
 * A sealed block is shorter than its structure requires: cut off, or its recorded length was
 * changed. None of its plaintext is used.
 */
public class BlockTruncatedException extends AuthenticationFailedException {
  private static final long serialVersionUID = 1L;

  public BlockTruncatedException(String container, long offset, String entry, String problem) {
    super(container, offset, entry, problem);
  }
}
