package io.easystore.crypto;

import io.easystore.internal.crypto.PageSealer;
import java.util.Objects;

/**
 * How a writer encrypts a DES v2 container (docs/FORMAT.md, "DES v2 encryption"): with the
 * AES-256 key {@code keyId} from {@code keys}, every body is sealed with AES-256-GCM; when
 * {@code protectIndex} is set (the default), index pages, the root block and metadata are sealed
 * too, so the container reveals only sizes, not names or metadata.
 *
 * <p>Immutable. The provider is asked for the key once, when the writer is created.
 *
 * @param keyId the id stored in the container, 1 to 64 characters from {@code [A-Za-z0-9._-]}
 * @param keys where the key comes from
 * @param protectIndex whether names, metadata and the index structure are encrypted as well
 */
public record Encryption(String keyId, KeyProvider keys, boolean protectIndex) {
  public Encryption {
    KeyProviders.checkKeyId(keyId);
    Objects.requireNonNull(keys, "keys");
  }

  /** Bodies, names and metadata encrypted with key {@code keyId}. */
  public static Encryption of(String keyId, KeyProvider keys) {
    return new Encryption(keyId, keys, true);
  }

  /** The same key, with names and metadata left readable (only bodies encrypted). */
  public Encryption withNamesVisible() {
    return new Encryption(keyId, keys, false);
  }

  /**
   * Checks now that the provider supplies a usable AES-256 key under {@code keyId}, so a command
   * can refuse before it writes anything; writers ask for the key again when they are created.
   */
  public void checkKey() throws KeyUnavailableException {
    PageSealer.create(keyId, keys);
  }
}
