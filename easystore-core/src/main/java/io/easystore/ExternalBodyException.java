package io.easystore;

/**
 * The sibling object that holds an external entry's body is missing, or is not the object the
 * index describes (its length differs from the recorded stored length: it was replaced or
 * truncated). A kind of {@link CorruptContainerException}: the message names the container, the
 * offset of the entry's metadata (where the key is recorded), the entry and the sibling's key.
 */
public class ExternalBodyException extends CorruptContainerException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ExternalBodyException(String container, long offset, String entry, String key, String problem,
      Throwable cause) {
    super(container, offset, entry, problem, cause);
    this.key = key;
  }

  /** The sibling's key, relative to the container's directory or prefix. */
  public String key() {
    return key;
  }
}
