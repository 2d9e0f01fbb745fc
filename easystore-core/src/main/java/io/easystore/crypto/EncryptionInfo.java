package io.easystore.crypto;

/**
 * What a container says about its encryption, without secrets.
 *
 * @param algorithm the cipher, e.g. {@code AES-256-GCM}
 * @param keyId the id of the key it was written with
 * @param namesProtected whether names, metadata and the index are encrypted (else only bodies)
 * @param chunkBytes bodies are sealed in chunks of this many bytes
 */
public record EncryptionInfo(String algorithm, String keyId, boolean namesProtected, int chunkBytes) {
  public EncryptionInfo {
    KeyProviders.checkKeyId(keyId);
    if (algorithm == null || algorithm.isEmpty()) {
      throw new IllegalArgumentException("algorithm must be named");
    }
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
    }
  }
}
