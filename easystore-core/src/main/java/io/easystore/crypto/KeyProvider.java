package io.easystore.crypto;

import javax.crypto.SecretKey;

/**
 * Maps a key id (as stored in a container's metadata) to a 256-bit AES key.
 *
 * <p>Implementations must be thread-safe, must not cache key material longer than they need, and
 * must keep key material out of {@code toString()} and exception messages. Key ids are 1 to 64
 * characters from {@code [A-Za-z0-9._-]} (see {@link KeyProviders#checkKeyId}).
 */
@FunctionalInterface
public interface KeyProvider {

  /**
   * Returns the key with this id.
   *
   * @throws KeyUnavailableException with {@link KeyUnavailableException.Reason#MISSING} if this
   *     provider has no such key, or {@code MALFORMED} if the stored key is not 32 bytes of base64
   */
  SecretKey key(String keyId) throws KeyUnavailableException;
}
