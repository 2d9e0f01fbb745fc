package io.easystore.crypto;

import java.util.Objects;

/**
 * How an opened container is encrypted, as {@code des info} shows it: public facts only, never key
 * material. Immutable.
 *
 * @param algorithm the cipher, for example {@code "AES-256-GCM"}
 * @param keyId the id of the key the container names
 * @param namesProtected whether names, metadata and the index are encrypted too (not only bodies)
 */
public record EncryptionInfo(String algorithm, String keyId, boolean namesProtected) {
  public EncryptionInfo {
    Objects.requireNonNull(algorithm, "algorithm");
    KeyProviders.checkKeyId(keyId);
  }
}
